import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, METHOD_CHANNELS, type InputOf, type MethodChannel } from '../../src-preload/contract';
import { MapVault } from '../profiles/testing/vaults';
import { createMainServices, type MainServices } from '../services';
import { startSimulatedPbx, type SimulatedPbx } from '../sim';
import { createGatekeeper, type Dispatch, type Sender } from './gatekeeper';

/**
 * Acceptance for issue 5: after a full login-and-use sequence through the gatekeeper, nothing the
 * renderer received (every method's result, every pushed event) and no log line holds the secret,
 * a wrong secret typed by mistake, or the MD5 keys sent to the PBX for it.
 */

const SECRET = `Sw1tchb0ard-${Math.random().toString(36).slice(2, 12)}`;
/** A mistyped secret that contains the real one: if it is echoed anywhere, the real one is too. */
const WRONG_SECRET = `${SECRET}-typo`;

const received: Array<{ readonly channel: string; readonly payload: unknown }> = [];
const logLines: string[] = [];
const visited = new Set<string>();
const vault = new MapVault();
let pbx: SimulatedPbx;
let services: MainServices;
let dispatch: Dispatch;
let userDataDir: string;

const window: Sender = {
  id: 'window-1',
  send: (channel, payload) => received.push({ channel: `sent ${channel}`, payload }),
  onClosed: () => {},
};

/** One call as the page makes it: raw arguments through the gatekeeper. */
async function call<C extends MethodChannel>(channel: C, args: InputOf<C> | Record<string, unknown>) {
  visited.add(channel);
  const result = await dispatch(channel, args, window);
  received.push({ channel: `result ${channel}`, payload: result });
  return result;
}

async function valueOf<C extends MethodChannel>(channel: C, args: InputOf<C>) {
  const result = await call(channel, args);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
  return result.value as { id: string };
}

beforeAll(async () => {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation(
      (...parts: unknown[]) => void logLines.push(`console.${level} ${parts.map(String).join(' ')}`),
    );
  }
  userDataDir = await mkdtemp(join(tmpdir(), 'switchboard-no-secret-'));
  pbx = await startSimulatedPbx({
    port: 0,
    answerDelayMs: 100,
    users: [{ username: 'reception', secret: SECRET, read: ['all'], write: ['all'] }],
  });
  const log = {
    warn: (message: string) => logLines.push(`warn ${message}`),
    error: (message: string, error: unknown) =>
      logLines.push(`error ${message} ${error instanceof Error ? `${error.message} ${error.stack}` : String(error)}`),
  };
  services = createMainServices({
    broadcast: (channel, payload) => received.push({ channel: `broadcast ${channel}`, payload }),
    log,
    scheduleFlush: (flush) => {
      const timer = setTimeout(flush, 1);
      return () => clearTimeout(timer);
    },
    clientDefaults: { connectTimeoutMs: 2_000, reconnect: { baseMs: 100, capMs: 400 } },
    demoScenario: 'none',
    userDataDir,
    vault,
  });
  dispatch = createGatekeeper(services.handlers, log);
});

afterAll(async () => {
  await services.dispose();
  await pbx.close();
  await rm(userDataDir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('no secret reaches the renderer or the log', () => {
  it('after creating a profile, saving its secret, logging in and out, using the board and deleting it', async () => {
    const draft = {
      host: pbx.host,
      port: pbx.port,
      username: 'reception',
      myDevice: 'PJSIP/100',
      dialContext: 'internal',
    };
    await call('profiles:list', undefined);
    const frontDesk = await valueOf('profiles:create', { displayName: 'Front desk', ...draft });
    const plainDesk = await valueOf('profiles:create', { displayName: 'Plain desk', ...draft, authType: 'plain' });

    // Save the secret, log out, log in again with the saved one.
    expect(await call('profiles:saveSecret', { id: frontDesk.id, secret: SECRET, remember: true })).toMatchObject({
      ok: true,
      value: { kind: 'remembered' },
    });
    expect(vault.secretOf(frontDesk.id)).toBe(SECRET);
    await call('session:disconnect', undefined);
    expect(await call('session:connect', { profileId: frontDesk.id })).toMatchObject({
      ok: true,
      value: { kind: 'connected' },
    });

    // Use it: the board, its lamps, the call intents, the profile settings.
    await call('picture:subscribe', undefined);
    await call('session:status', undefined);
    pbx.setDeviceState('PJSIP/101', 'RINGING');
    await expect.poll(() => received.some((r) => r.channel.endsWith('picture:patch'))).toBe(true);
    const batch = received.find((r) => r.channel.endsWith('picture:patch'))?.payload as { version: number };
    await call('picture:taken', { version: batch.version });
    await call('calls:operator', undefined);
    await call('calls:dial', { target: '101' });
    // The page telling main its language, then a click on a call's desktop notification.
    await call('desktop:speak', { language: 'zh-CN' });
    await expect.poll(() => services.store.values('calls').length).toBeGreaterThan(0);
    services.desktop.focusCall(services.store.values('calls')[0]!.id);
    // And on the notification of a caller waiting in a queue nobody answers.
    pbx.setDeviceState('PJSIP/118', 'UNAVAILABLE');
    pbx.setDeviceState('PJSIP/119', 'UNAVAILABLE');
    await pbx.placeCall('0301111111', '800');
    const waiting = () => services.store.values('queues').flatMap((queue) => queue.callers);
    await expect.poll(() => waiting().length).toBeGreaterThan(0);
    services.desktop.focusQueueCaller(waiting()[0]!.id);
    await call('calls:transfer', { callId: 'no-such-call', target: '102', mode: 'blind' });
    await call('calls:park', { callId: 'no-such-call' });
    await call('calls:record', { callId: 'no-such-call', action: 'start' });
    await call('calls:hangup', { callId: 'no-such-call' });
    await call('calls:finishTransfer', { commandId: 'no-such-command', action: 'cancel' });
    await call('parking:pickup', { slot: '701' });
    await call('parking:move', { slot: '701', target: '101' });
    await call('queues:pause', { memberId: 'no-such-member', paused: true, reason: 'lunch' });
    await call('queues:addMember', { queueId: 'no-such-queue', extensionId: '101@internal' });
    await call('queues:removeMember', { memberId: 'no-such-member' });
    await call('queues:pull', { callerId: 'no-such-caller', target: '101' });
    await call('calls:take', { callId: 'no-such-call' });
    await call('calls:listen', { callId: 'no-such-call', mode: 'whisper' });
    await call('calls:stopListening', { listenId: 'no-such-session' });
    await call('extensions:setPresence', { extensionId: '110@internal', state: 'away', message: 'Back at two' });
    await call('extensions:setDnd', { extensionId: '105@internal', on: true });
    await call('extensions:callVoicemail', { extensionId: '105@internal' });
    await call('history:list', { missed: true, text: 'reception', limit: 10 });
    await call('history:missedCount', undefined);
    await call('history:markSeen', undefined);
    await call('history:export', {});
    await call('profiles:update', { id: frontDesk.id, changes: { board: { tileSize: 'large' } } });
    await call('profiles:duplicate', { id: frontDesk.id });
    const exported = await call('profiles:export', undefined);
    await call('profiles:import', { text: exported.ok ? String(exported.value) : '' });
    await call('profiles:list', undefined);

    // The phonebook: search, lookup, a CSV and a vCard, an LDAP server given the secret as its bind secret.
    await call('directory:overview', undefined);
    await call('directory:search', { query: 'front' });
    await call('directory:lookup', { number: '101' });
    await call('directory:previewCsv', { text: 'Name,Phone\nAnna,101' });
    await call('directory:importCsv', {
      fileName: 'a.csv',
      text: 'Name,Phone\nAnna,101',
      mapping: { name: 0, phone: 1 },
    });
    await call('directory:importVcard', { fileName: 'a.vcf', text: 'BEGIN:VCARD\nFN:Anna Smith\nEND:VCARD\n' });
    const ldapSettings = {
      url: 'ldap://127.0.0.1:9',
      security: 'none',
      bindDn: 'cn=switchboard,dc=example,dc=org',
      baseDn: 'dc=example,dc=org',
      filter: '(objectClass=person)',
      attributes: { name: 'cn', phone: 'telephoneNumber' },
    } as const;
    await call('directory:saveLdap', { settings: ldapSettings, secret: SECRET });
    await call('directory:refreshLdap', { id: 999 });
    await call('directory:removeSource', { id: 999 });

    // Wrong secret typed, then the plain-text login method, then a switch to the Demo PBX.
    expect(
      await call('session:connect', { profileId: frontDesk.id, secret: WRONG_SECRET, rememberSecret: true }),
    ).toMatchObject({
      ok: true,
      value: { kind: 'failed', reason: { code: 'authFailed' } },
    });
    expect(vault.secretOf(frontDesk.id)).toBe(SECRET);
    expect(await call('session:connect', { profileId: plainDesk.id, secret: SECRET })).toMatchObject({
      ok: true,
      value: { kind: 'connected' },
    });
    await call('session:connect', { profileId: 'demo' });

    // Refusals that carry the secret in the argument must not echo it.
    await call('profiles:saveSecret', { id: 'demo', secret: SECRET, remember: true });
    await call('profiles:saveSecret', { id: frontDesk.id, secret: `${SECRET}\r\nAction: Originate`, remember: true });
    await call('session:connect', { profileId: frontDesk.id, secret: `${SECRET}\n` });
    await call('profiles:create', { displayName: 'Leaky', ...draft, secret: SECRET });
    await call('profiles:import', {
      text: JSON.stringify({ profiles: [{ displayName: 'Leaky', ...draft, secret: SECRET }] }),
    });
    await call('profiles:import', { text: `{ "profiles": [ "${SECRET}` });

    // Forget it, log out, and the console asks for the secret instead of finding one.
    await call('profiles:forgetSecret', { id: frontDesk.id });
    await call('session:disconnect', undefined);
    expect(await call('session:connect', { profileId: frontDesk.id })).toMatchObject({
      ok: false,
      error: { code: 'needsSecret' },
    });
    await call('profiles:delete', { id: frontDesk.id });
    await call('profiles:delete', { id: plainDesk.id });

    // The walk covered the whole contract, and the material searched for is real.
    expect([...visited].sort()).toEqual([...METHOD_CHANNELS].sort());
    const pushedChannels = new Set(received.map((r) => r.channel.replace(/^(broadcast|sent) /, '')));
    for (const channel of EVENT_CHANNELS) expect(pushedChannels, channel).toContain(channel);
    const md5Keys = pbx.actionsReceived
      .filter((received) => received.action.get('Action')?.toLowerCase() === 'login')
      .flatMap((received) => received.action.get('Key') ?? []);
    expect(md5Keys.length).toBeGreaterThanOrEqual(2);
    expect(pbx.actionsReceived.some((received) => received.action.get('Secret') === SECRET)).toBe(true);

    const everything = JSON.stringify(received) + logLines.join('\n');
    for (const material of [SECRET, ...md5Keys])
      expect(everything.includes(material), `found ${material.slice(0, 4)}…`).toBe(false);
    expect(everything.includes(SECRET.slice(0, -1))).toBe(false);
  });
});
