import { startContractBridge, type ContractBridge } from './ipc/bridge-server';
import { createGatekeeper, type GatekeeperLog } from './ipc/gatekeeper';
import { guardProcess, type ProcessFaults } from './process-guard';
import { createMainServices, type MainServices, type MainServicesOptions } from './services';

export interface BrowserHost {
  readonly bridge: ContractBridge;
  readonly services: MainServices;
  /** Unhandled rejections and uncaught exceptions in this process since it started: none, or a bug. */
  readonly faults: ProcessFaults;
  close(): Promise<void>;
}

/**
 * The console's main-process services served to an ordinary browser over the loopback bridge:
 * the development command and the e2e use it where no Electron binary is installed.
 */
export async function startBrowserHost(options: {
  readonly rendererDir: string;
  readonly log: GatekeeperLog;
  readonly port?: number;
  /** `userDataDir` and `vault` are the caller's: a temporary folder, the real keychain. */
  readonly services: Omit<MainServicesOptions, 'broadcast' | 'log'>;
}): Promise<BrowserHost> {
  const faults = guardProcess(options.log);
  // The services broadcast through the bridge, which needs the services' handlers to start.
  const late: { bridge?: ContractBridge } = {};
  const services = createMainServices({
    ...options.services,
    broadcast: (channel, payload) => late.bridge?.broadcast(channel, payload),
    log: options.log,
  });
  const started = await startContractBridge(createGatekeeper(services.handlers, options.log), {
    rendererDir: options.rendererDir,
    log: options.log,
    port: options.port,
  });
  late.bridge = started;
  return {
    bridge: started,
    services,
    faults,
    async close() {
      await services.dispose();
      await started.close();
    },
  };
}
