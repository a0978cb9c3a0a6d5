import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionStatus } from '../src-preload/contract';
import type { Sender } from './ipc/gatekeeper';
import { ProfileDraftSchema } from '../src-shared/profile';
import { MapVault } from './profiles/testing/vaults';
import { createMainServices, type MainServices } from './services';
import { startSimulatedPbx, type SimulatedPbx } from './sim';

const window: Sender = { id: 'w', send: () => {}, onClosed: () => {} };
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function services() {
  const userDataDir = await mkdtemp(join(tmpdir(), 'switchboard-services-'));
  cleanups.push(() => rm(userDataDir, { recursive: true, force: true }));
  const pushed: SessionStatus[] = [];
  const log: string[] = [];
  const created: MainServices = createMainServices({
    broadcast: (channel, payload) => {
      if (channel === 'session:status') pushed.push(payload as SessionStatus);
    },
    log: { warn: (m) => log.push(m), error: (m, e) => log.push(`${m} ${String(e)}`) },
    scheduleFlush: (flush) => {
      const timer = setTimeout(flush, 1);
      return () => clearTimeout(timer);
    },
    clientDefaults: { connectTimeoutMs: 1_500, reconnect: { baseMs: 100, capMs: 400 } },
    demoScenario: 'none',
    userDataDir,
    vault: new MapVault(),
  });
  cleanups.push(() => created.dispose());
  return { created, pushed, log };
}

async function pbx(): Promise<SimulatedPbx> {
  const started = await startSimulatedPbx({ port: 0 });
  cleanups.push(() => started.close());
  return started;
}

async function silentServer(onConnect: (socket: import('node:net').Socket) => void): Promise<number> {
  const server: Server = createServer(onConnect);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return (server.address() as AddressInfo).port;
}

/** A profile for the PBX on `port`, logged in with a typed secret. */
async function server(created: MainServices, port: number, secret = 'demo') {
  const draft = ProfileDraftSchema.parse({ displayName: `PBX ${port}`, host: '127.0.0.1', port, username: 'demo' });
  const profile = await created.handlers['profiles:create'](draft, window);
  return { profileId: profile.id, secret };
}

describe('connecting from the console', () => {
  it('connects, names the Asterisk version and loads every hint', async () => {
    const { created } = await services();
    const sim = await pbx();
    const status = await created.handlers['session:connect'](await server(created, sim.port), window);
    expect(status).toMatchObject({ kind: 'connected', username: 'demo', target: `127.0.0.1:${sim.port}` });
    expect(status.kind === 'connected' && status.asteriskVersion).toMatch(/^18\./);
    const snapshot = await created.handlers['picture:subscribe'](undefined, window);
    expect(Object.keys(snapshot.picture.extensions)).toHaveLength(sim.model.hints.size);
  });

  it('says a wrong secret is wrong, once, and never repeats the secret', async () => {
    const { created, pushed, log } = await services();
    const sim = await pbx();
    const status = await created.handlers['session:connect'](await server(created, sim.port, 'Wr0ng-Secret!'), window);
    expect(status).toMatchObject({ kind: 'failed', reason: { code: 'authFailed' } });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(pushed.filter((s) => s.kind === 'connecting')).toHaveLength(1);
    expect(JSON.stringify([pushed, log])).not.toContain('Wr0ng-Secret!');
  });

  it('tells a server that is not Asterisk apart', async () => {
    const { created } = await services();
    const port = await silentServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n'));
    const status = await created.handlers['session:connect'](await server(created, port), window);
    expect(status).toMatchObject({ kind: 'failed', reason: { code: 'notAmi' } });
  });

  it('gives up waiting on a server that never answers, says so, and does not retry a login that never came up', async () => {
    const { created, pushed } = await services();
    const port = await silentServer(() => {});
    const status = await created.handlers['session:connect'](await server(created, port), window);
    expect(status).toMatchObject({ kind: 'failed', reason: { code: 'timeout' } });
    expect(pushed.map((s) => s.kind)).not.toContain('reconnecting');
  });

  it('reports a refused port as a failed login, not a connection to retry', async () => {
    const { created, pushed } = await services();
    const port = await silentServer(() => {});
    await cleanups.pop()?.();
    const status = await created.handlers['session:connect'](await server(created, port), window);
    expect(status).toMatchObject({ kind: 'failed', reason: { code: 'refused' } });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(pushed.filter((s) => s.kind === 'connecting')).toHaveLength(1);
  });

  it('comes back by itself after the PBX restarts, rebuilding the board', async () => {
    const { created, pushed } = await services();
    const sim = await pbx();
    await created.handlers['session:connect'](await server(created, sim.port), window);
    await sim.faults.restart(300);
    await expect.poll(() => pushed.at(-1)?.kind, { timeout: 8_000 }).toBe('connected');
    expect(pushed.map((s) => s.kind)).toContain('reconnecting');
  });

  it('disconnects cleanly and forgets the picture', async () => {
    const { created } = await services();
    const sim = await pbx();
    await created.handlers['session:connect'](await server(created, sim.port), window);
    expect(await created.handlers['session:disconnect'](undefined, window)).toEqual({ kind: 'disconnected' });
    const snapshot = await created.handlers['picture:subscribe'](undefined, window);
    expect(snapshot.picture.extensions).toEqual({});
  });

  it('opens the Demo PBX with its named office', async () => {
    const { created } = await services();
    const status = await created.handlers['session:connect']({ profileId: 'demo' }, window);
    expect(status).toMatchObject({ kind: 'connected', target: 'Demo PBX' });
    const snapshot = await created.handlers['picture:subscribe'](undefined, window);
    expect(snapshot.picture.extensions['100@internal']).toMatchObject({ name: 'Reception' });
  });
});
