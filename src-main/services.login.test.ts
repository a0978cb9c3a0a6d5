import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionStatus } from '../src-preload/contract';
import { refusal } from '../src-shared/refusals';
import { createGatekeeper, type Sender } from './ipc/gatekeeper';
import { MapVault } from './profiles/testing/vaults';
import { createMainServices, type Broadcast } from './services';
import { startSimulatedPbx, type SimulatedPbx } from './sim';

interface ConsoleParts {
  readonly vault: MapVault;
  readonly broadcast: Broadcast;
}

/** A keychain that takes its time to store, as a loaded desktop's Secret Service does. */
class SlowVault extends MapVault {
  override async set(profileId: string, secret: string) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await super.set(profileId, secret);
  }
}

const window: Sender = { id: 'w', send: () => {}, onClosed: () => {} };
const SECRET = 'front-desk-secret';
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startConsole({ vault = new MapVault(), broadcast = () => {} }: Partial<ConsoleParts> = {}) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'switchboard-login-'));
  cleanups.push(() => rm(userDataDir, { recursive: true, force: true }));
  const log = { warn: () => {}, error: () => {} };
  const services = createMainServices({
    broadcast,
    log,
    scheduleFlush: (flush) => {
      const timer = setTimeout(flush, 1);
      return () => clearTimeout(timer);
    },
    clientDefaults: { connectTimeoutMs: 1_500, reconnect: { baseMs: 100, capMs: 400 } },
    demoScenario: 'none',
    userDataDir,
    vault,
  });
  cleanups.push(() => services.dispose());
  const dispatch = createGatekeeper(services.handlers, log);
  return {
    services,
    vault,
    call: (channel: Parameters<typeof dispatch>[0], args?: unknown) => dispatch(channel, args, window),
  };
}

async function pbx(): Promise<SimulatedPbx> {
  const started = await startSimulatedPbx({
    port: 0,
    users: [{ username: 'reception', secret: SECRET, read: ['all'], write: ['all'] }],
  });
  cleanups.push(() => started.close());
  return started;
}

async function profileFor(
  call: Awaited<ReturnType<typeof startConsole>>['call'],
  sim: SimulatedPbx,
  displayName = 'Front desk',
) {
  const created = await call('profiles:create', { displayName, host: sim.host, port: sim.port, username: 'reception' });
  if (!created.ok) throw new Error(created.error.message);
  return (created.value as { id: string }).id;
}

describe('logging in with a profile', () => {
  it('asks for the secret next to the secret field when none is saved', async () => {
    const { call } = await startConsole();
    const id = await profileFor(call, await pbx());
    expect(await call('session:connect', { profileId: id })).toEqual({
      ok: false,
      error: {
        code: 'needsSecret',
        message: 'No secret is saved for this profile. Type it to connect.',
        refusal: refusal('noSecretSaved', {}),
      },
    });
  });

  it('remembers a typed secret only once the PBX has accepted it, then logs in again without it', async () => {
    const { call, vault } = await startConsole();
    const id = await profileFor(call, await pbx());
    expect(await call('session:connect', { profileId: id, secret: 'wrong', rememberSecret: true })).toMatchObject({
      ok: true,
      value: { kind: 'failed', reason: { code: 'authFailed' } },
    });
    expect(vault.secrets.has(id)).toBe(false);
    expect(await call('session:connect', { profileId: id })).toMatchObject({
      ok: false,
      error: { code: 'needsSecret' },
    });

    expect(await call('session:connect', { profileId: id, secret: SECRET, rememberSecret: true })).toMatchObject({
      ok: true,
      value: { kind: 'connected' },
    });
    expect(vault.secretOf(id)).toBe(SECRET);
    await call('session:disconnect');
    expect(await call('session:connect', { profileId: id })).toMatchObject({
      ok: true,
      value: { kind: 'connected', username: 'reception' },
    });
    expect(await call('profiles:list')).toMatchObject({ ok: true, value: { lastUsedProfileId: id } });
  });

  it('says "Connected" only once the typed secret is stored, however slow the keychain', async () => {
    const vault = new SlowVault();
    const storedWhenAnnounced: boolean[] = [];
    let id = '';
    const broadcast: Broadcast = (channel, payload) => {
      if (channel === 'session:status' && (payload as SessionStatus).kind === 'connected')
        storedWhenAnnounced.push(vault.secretOf(id) === SECRET);
    };
    const { call } = await startConsole({ vault, broadcast });
    id = await profileFor(call, await pbx());
    expect(await call('session:connect', { profileId: id, secret: SECRET, rememberSecret: true })).toMatchObject({
      ok: true,
      value: { kind: 'connected' },
    });
    expect(storedWhenAnnounced).toEqual([true]);
  });

  it('forgets a secret typed for this session only when the operator logs out', async () => {
    const { call, vault } = await startConsole();
    const id = await profileFor(call, await pbx());
    expect(await call('session:connect', { profileId: id, secret: SECRET })).toMatchObject({
      ok: true,
      value: { kind: 'connected' },
    });
    expect(vault.secrets.size).toBe(0);
    await call('session:disconnect');
    expect(await call('session:connect', { profileId: id })).toMatchObject({
      ok: false,
      error: { code: 'needsSecret' },
    });
  });

  it('tears the old session down before the next profile logs in, and drops its typed secret', async () => {
    const { call } = await startConsole();
    const [first, second] = [await pbx(), await pbx()];
    const firstId = await profileFor(call, first, 'Day shift');
    const secondId = await profileFor(call, second, 'Night shift');
    await call('session:connect', { profileId: firstId, secret: SECRET });
    expect(await call('session:connect', { profileId: secondId, secret: SECRET })).toMatchObject({
      ok: true,
      value: { kind: 'connected' },
    });

    const loggedOffAt = first.actionsReceived.find((received) => received.action.get('Action') === 'Logoff')?.at;
    const secondLoginAt = second.actionsReceived.find((received) => received.action.get('Action') === 'Login')?.at;
    expect(loggedOffAt).toBeDefined();
    expect(loggedOffAt!).toBeLessThanOrEqual(secondLoginAt!);
    expect(await call('session:connect', { profileId: firstId })).toMatchObject({
      ok: false,
      error: { code: 'needsSecret' },
    });
  });

  it('refuses a plain-login secret too long for one AMI line next to the secret field, and sends no login', async () => {
    const { call } = await startConsole();
    const sim = await pbx();
    const created = await call('profiles:create', {
      displayName: 'Front desk',
      host: sim.host,
      port: sim.port,
      username: 'reception',
      authType: 'plain',
    });
    const id = created.ok ? (created.value as { id: string }).id : '';
    const secret = 'x'.repeat(1015);
    const refused = {
      ok: false,
      error: {
        code: 'invalidSecret',
        message: expect.stringContaining('at most 1,014 bytes'),
        refusal: refusal('secretTooLongForPlain', { max: 1014 }),
      },
    };
    expect(await call('session:connect', { profileId: id, secret, rememberSecret: true })).toMatchObject(refused);
    expect(await call('profiles:saveSecret', { id, secret, remember: true })).toMatchObject(refused);
    expect(await call('session:status')).toMatchObject({ ok: true, value: { kind: 'disconnected' } });
    expect(sim.actionsReceived).toEqual([]);
  });

  it('forgets a saved secret when the profile is pointed at another server: that server receives no secret', async () => {
    const { call, vault } = await startConsole();
    const [first, other] = [await pbx(), await pbx()];
    const created = await call('profiles:create', {
      displayName: 'Front desk',
      host: first.host,
      port: first.port,
      username: 'reception',
      authType: 'plain',
    });
    const id = created.ok ? (created.value as { id: string }).id : '';
    expect(await call('session:connect', { profileId: id, secret: SECRET, rememberSecret: true })).toMatchObject({
      ok: true,
      value: { kind: 'connected' },
    });
    await call('session:disconnect');
    expect(vault.secretOf(id)).toBe(SECRET);

    expect(await call('profiles:update', { id, changes: { displayName: 'Front desk (day)' } })).toMatchObject({
      ok: true,
      value: { hasSavedSecret: true },
    });
    expect(await call('profiles:update', { id, changes: { port: other.port } })).toMatchObject({
      ok: true,
      value: { port: other.port, hasSavedSecret: false },
    });
    expect(await call('session:connect', { profileId: id })).toMatchObject({
      ok: false,
      error: { code: 'needsSecret' },
    });
    expect(other.actionsReceived).toEqual([]);
    expect(vault.secrets.has(id)).toBe(false);
  });

  it.each([
    ['the host', { host: 'localhost' }],
    ['TLS', { tls: { enabled: true } }],
    ['the login method', { authType: 'md5' }],
  ])('forgets the saved and the typed secret when %s changes', async (_what, changes) => {
    const { call, vault } = await startConsole();
    const sim = await pbx();
    const created = await call('profiles:create', {
      displayName: 'Front desk',
      host: sim.host,
      port: sim.port,
      username: 'reception',
      authType: 'plain',
    });
    const id = created.ok ? (created.value as { id: string }).id : '';
    await call('session:connect', { profileId: id, secret: SECRET, rememberSecret: true });
    expect(vault.secretOf(id)).toBe(SECRET);
    expect(await call('profiles:update', { id, changes })).toMatchObject({
      ok: true,
      value: { hasSavedSecret: false },
    });
    // Still logged in with this profile: the secret typed this session does not carry over either.
    expect(await call('session:connect', { profileId: id })).toMatchObject({
      ok: false,
      error: { code: 'needsSecret' },
    });
  });

  it('logs in at launch with --profile and its saved secret', async () => {
    const { call, services } = await startConsole();
    const id = await profileFor(call, await pbx());
    await call('profiles:saveSecret', { id, secret: SECRET, remember: true });
    await services.loginAtLaunch(['/usr/bin/switchboard', '.', '--profile', 'front desk']);
    expect(await call('session:status')).toMatchObject({
      ok: true,
      value: { kind: 'connected', username: 'reception' },
    });
  });

  it('says on the login screen why --profile could not be followed', async () => {
    const { call, services } = await startConsole();
    await profileFor(call, await pbx());
    await services.loginAtLaunch(['switchboard', '--profile', 'Night shift']);
    await services.loginAtLaunch(['switchboard', '--profile=Front desk']);
    const list = await call('profiles:list');
    expect(list.ok && list.value).toMatchObject({
      notices: [
        { kind: 'launchProfile', said: refusal('launchProfileNotFound', { name: 'Night shift' }) },
        {
          kind: 'launchProfile',
          said: refusal('launchLoginFailed', { name: 'Front desk', why: refusal('noSecretSaved', {}) }),
        },
      ],
    });
    expect(await call('session:status')).toMatchObject({ ok: true, value: { kind: 'disconnected' } });
  });
});
