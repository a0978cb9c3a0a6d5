// The process that plays Electron's main for the board benchmark: the real main services behind
// the real loopback contract bridge, serving the built renderer. It runs apart from the simulator
// and the browser driver so that its CPU time and memory are the console's own.
//   --feed product|uncoalesced   the product's PictureFeed, or the baseline of uncoalesced-feed.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startContractBridge } from '../../src-main/ipc/bridge-server';
import { createGatekeeper } from '../../src-main/ipc/gatekeeper';
import { ProfileDraftSchema } from '../../src-shared/profile';
import { MapVault } from '../../src-main/profiles/testing/vaults';
import { createMainServices } from '../../src-main/services';
import type { HostReply, HostRequest } from './host-protocol';
import { uncoalescedFeedHandlers } from './uncoalesced-feed';

const feed = process.argv[process.argv.indexOf('--feed') + 1] === 'uncoalesced' ? 'uncoalesced' : 'product';
const userDataDir = await mkdtemp(join(tmpdir(), 'switchboard-board-bench-'));
const log = {
  warn: (m: string) => console.warn(`host: ${m}`),
  error: (m: string, e: unknown) => console.error(`host: ${m}`, e),
};
const late: { broadcast?: (channel: never, payload: unknown) => void } = {};
const services = createMainServices({
  broadcast: (channel, payload) => late.broadcast?.(channel as never, payload),
  log,
  demoScenario: 'none',
  userDataDir,
  // The keychain is not what is measured; the secret is typed at each login.
  vault: new MapVault(),
});
const handlers =
  feed === 'uncoalesced' ? { ...services.handlers, ...uncoalescedFeedHandlers(services.store) } : services.handlers;
const bridge = await startContractBridge(createGatekeeper(handlers, log), {
  rendererDir: resolve('out/renderer'),
  log,
});
late.broadcast = (channel, payload) => bridge.broadcast(channel, payload);
const window = { id: 'bench-setup', send: () => {}, onClosed: () => {} };

/** run.ts forks the host with --expose-gc. */
const collectGarbage = (globalThis as { gc?: () => void }).gc;
const reply = (message: HostReply): void => void process.send!(message);
process.on('message', (message: HostRequest) => void answer(message));
reply({ kind: 'ready', url: bridge.url });

async function answer(request: HostRequest): Promise<void> {
  switch (request.kind) {
    case 'connect': {
      const draft = ProfileDraftSchema.parse({
        displayName: `Bench ${request.id}`,
        host: request.host,
        port: request.port,
        username: 'demo',
      });
      const profile = await handlers['profiles:create'](draft, window);
      const status = await services.connect({ profileId: profile.id, secret: 'demo' });
      return reply({ kind: 'connected', id: request.id, status: status.kind });
    }
    case 'disconnect':
      await handlers['session:disconnect'](undefined, window);
      return reply({ kind: 'done', id: request.id });
    case 'usage': {
      if (request.collect) {
        if (!collectGarbage) throw new Error('the bench host needs --expose-gc to measure its heap');
        collectGarbage();
      }
      const cpu = process.cpuUsage();
      const memory = process.memoryUsage();
      return reply({
        kind: 'usage',
        id: request.id,
        cpuMicros: cpu.user + cpu.system,
        atMs: performance.now(),
        rssBytes: memory.rss,
        heapBytes: memory.heapUsed,
      });
    }
    case 'close':
      await services.dispose();
      await bridge.close();
      await rm(userDataDir, { recursive: true, force: true });
      reply({ kind: 'done', id: request.id });
      process.exit(0);
  }
}
