import type { ConnectRequest, EventChannel, PayloadOf, SessionStatus } from '../src-preload/contract';
import { AmiClient, type AmiClientOptions } from './ami/client';
import type { GatekeeperLog, Handlers } from './ipc/gatekeeper';
import { PictureFeed, type FlushScheduler } from './ipc/picture-feed';
import { PictureStore } from './pbx/picture-store';
import { PbxSession, type AmiLink } from './pbx/session';
import { DEMO_MANAGER_USER, demoOffice, startSimulatedPbx, type SimulatedPbx } from './sim';

/** Sends a pushed event to every open Switchboard window. */
export type Broadcast = <C extends EventChannel>(channel: C, payload: PayloadOf<C>) => void;

export interface MainServicesOptions {
  readonly broadcast: Broadcast;
  readonly log: GatekeeperLog;
  /** Tests shorten time-outs and back-off; the app uses the client's defaults. */
  readonly clientDefaults?: Partial<AmiClientOptions>;
  readonly scheduleFlush?: FlushScheduler;
  /** The demo's simulated office; 'lively-office' in the app, quieter in tests. */
  readonly demoScenario?: 'lively-office' | 'none';
}

export interface MainServices {
  readonly handlers: Handlers;
  readonly store: PictureStore;
  readonly feed: PictureFeed;
  dispose(): Promise<void>;
}

const DEMO_TARGET = 'Demo PBX';
/** How long connect() waits for a verdict before answering with "still connecting". */
const CONNECT_VERDICT_MS = 15_000;

/** The main process's services behind the contract, free of Electron so they run in plain Node. */
export function createMainServices(options: MainServicesOptions): MainServices {
  const store = new PictureStore();
  const feed = new PictureFeed(store, options.scheduleFlush);
  let session: PbxSession | undefined;
  let demoPbx: SimulatedPbx | undefined;
  let status: SessionStatus = { kind: 'disconnected' };

  const publish = (next: SessionStatus) => {
    status = next;
    options.broadcast('session:status', next);
  };

  async function teardown(): Promise<void> {
    const [oldSession, oldDemo] = [session, demoPbx];
    session = undefined;
    demoPbx = undefined;
    await oldSession?.stop();
    await oldDemo?.close();
    store.clear();
  }

  async function connect(request: ConnectRequest): Promise<SessionStatus> {
    await teardown();
    const { clientOptions, target, directory } = await resolveTarget(request);
    const link: AmiLink = new AmiClient({ ...options.clientDefaults, ...clientOptions });
    const next = new PbxSession({ target, username: clientOptions.username, link, store, directory });
    session = next;
    next.onStatus((changed) => {
      if (session === next) publish(changed);
    });
    publish(next.status);
    next.start();
    return verdict(next);
  }

  async function resolveTarget(request: ConnectRequest) {
    if (request.target === 'demo') {
      demoPbx = await startSimulatedPbx({ scenario: options.demoScenario ?? 'lively-office' });
      return {
        target: DEMO_TARGET,
        directory: demoDirectory(),
        clientOptions: {
          host: demoPbx.host,
          port: demoPbx.port,
          username: DEMO_MANAGER_USER.username,
          secret: DEMO_MANAGER_USER.secret,
          authType: 'md5' as const,
        },
      };
    }
    return {
      target: `${request.host}:${request.port}`,
      directory: undefined,
      clientOptions: {
        host: request.host,
        port: request.port,
        username: request.username,
        secret: request.secret,
        authType: request.authType,
        ...(request.tls.enabled ? { tls: { serverName: request.tls.serverName } } : {}),
      },
    };
  }

  const handlers: Handlers = {
    'session:connect': (request) => connect(request),
    'session:disconnect': async () => {
      await teardown();
      publish({ kind: 'disconnected' });
      return status;
    },
    'session:status': () => status,
    'picture:subscribe': (_args, sender) => feed.subscribe(sender),
  };

  return {
    handlers,
    store,
    feed,
    async dispose() {
      await teardown();
      feed.dispose();
    },
  };
}

/** The demo office's names for its tiles: Asterisk's hints carry no names. */
function demoDirectory(): ReadonlyMap<string, string> {
  return new Map(demoOffice().extensions.map((extension) => [`${extension.exten}@${extension.context}`, extension.name]));
}

/** Resolves with the session's first decisive status: connected, failed or reconnecting. */
function verdict(session: PbxSession): Promise<SessionStatus> {
  return new Promise((resolve) => {
    const decided = (status: SessionStatus) => status.kind !== 'connecting';
    if (decided(session.status)) return resolve(session.status);
    const timer = setTimeout(() => finish(session.status), CONNECT_VERDICT_MS);
    const stop = session.onStatus((status) => {
      if (decided(status)) finish(status);
    });
    function finish(status: SessionStatus) {
      clearTimeout(timer);
      stop();
      resolve(status);
    }
  });
}

