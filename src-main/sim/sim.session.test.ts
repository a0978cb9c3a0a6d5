import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedPbx, type SimulatedPbx, type SimulatedPbxOptions } from './index';
import { RawAmiClient } from './testing/test-client';

const LIMITED = { username: 'limited', secret: 'limited-secret', read: ['call'], write: ['call'] };
const CONSOLE = { username: 'console', secret: 'console-secret', read: ['all'], write: ['all'] };

let pbx: SimulatedPbx | undefined;
const clients: RawAmiClient[] = [];

async function start(options: SimulatedPbxOptions = {}) {
  pbx = await startSimulatedPbx({
    users: [CONSOLE, LIMITED, { username: 'demo', secret: 'demo', read: ['all'], write: ['all'] }],
    answerDelayMs: 20,
    ...options,
  });
  return pbx;
}
async function client() {
  const c = await RawAmiClient.connect(pbx!.port);
  clients.push(c);
  await c.bannerReceived;
  return c;
}
const names = (m: { headers: readonly (readonly [string, string])[] }) => m.headers.map(([n]) => n);

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await pbx?.close();
  pbx = undefined;
});

describe.each([
  ['asterisk-11', 'Asterisk Call Manager/1.3'],
  ['asterisk-18', 'Asterisk Call Manager/7.0.0'],
  ['asterisk-22', 'Asterisk Call Manager/11.0.0'],
] as const)('%s session basics', (dialect, banner) => {
  it('greets with its banner and accepts a plain login', async () => {
    await start({ dialect });
    const c = await client();
    await new Promise((r) => setTimeout(r, 50));
    expect(c.received.toString('utf8').startsWith(`${banner}\r\n`)).toBe(true);
    const reply = await c.login('console', 'console-secret');
    expect(reply.response).toBe('Success');
    expect(reply.get('Message')).toBe('Authentication accepted');
    expect(names(reply)).toEqual(['Response', 'ActionID', 'Message']);
    const booted = await c.waitForEvent('FullyBooted');
    expect(booted.get('Status')).toBe('Fully Booted');
  });

  it('logs in with an MD5 challenge', async () => {
    await start({ dialect });
    const c = await client();
    const challenge = await c.action('Challenge', { AuthType: 'MD5' });
    expect(challenge.get('Challenge')).toMatch(/^\d+$/);
    const key = createHash('md5')
      .update(challenge.get('Challenge')! + 'console-secret')
      .digest('hex');
    const reply = await c.action('Login', { AuthType: 'MD5', Username: 'console', Key: key });
    expect(reply.get('Message')).toBe('Authentication accepted');
    const bad = await client();
    await bad.action('Challenge', { AuthType: 'MD5' });
    const refused = bad.action('Login', { AuthType: 'MD5', Username: 'console', Key: '0'.repeat(32) });
    expect((await refused).get('Message')).toBe('Authentication failed');
  });

  it('answers Ping, echoes ActionID, and says Goodbye then closes on Logoff', async () => {
    await start({ dialect });
    const c = await client();
    await c.login();
    const id = c.send('Ping', {}, 'my-own-id');
    const pong = await c.waitFor((m) => m.actionId === id);
    expect(pong.get('Ping')).toBe('Pong');
    const bye = await c.action('Logoff');
    expect(bye.response).toBe('Goodbye');
    expect(bye.get('Message')).toBe('Thanks for all the fish.');
    await c.closed;
  });

  it('refuses unknown actions and actions before login', async () => {
    await start({ dialect });
    const c = await client();
    expect((await c.action('CoreStatus')).get('Message')).toBe('Authentication Required');
    await c.login();
    expect((await c.action('FrobnicateAll')).get('Message')).toBe('Invalid/unknown command');
  });
});

describe('login failure', () => {
  it('answers Authentication failed after about a second, then closes', async () => {
    await start();
    const c = await client();
    const started = Date.now();
    const reply = await c.login('console', 'wrong-secret');
    expect(reply.response).toBe('Error');
    expect(reply.get('Message')).toBe('Authentication failed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await c.closed;
  });
});

describe('permissions', () => {
  it('denies actions outside the write classes and withholds events outside the read classes', async () => {
    await start();
    const c = await client();
    await c.login('limited', 'limited-secret');
    for (const [action, headers] of [
      ['Originate', { Channel: 'PJSIP/101', Context: 'internal', Exten: '102', Priority: '1', Async: 'true' }],
      ['Command', { Command: 'core show version' }],
      ['CoreSettings', {}],
    ] as const) {
      const reply = await c.action(action, headers);
      expect(reply.response).toBe('Error');
      expect(reply.get('Message')).toBe('Permission denied');
    }
    expect((await c.action('Ping')).get('Ping')).toBe('Pong');
    const state = await c.action('ExtensionState', { Exten: '101', Context: 'internal' });
    expect(state.get('StatusText')).toBe('Idle');
    pbx!.setDeviceState('PJSIP/101', 'INUSE');
    const status = await c.waitForEvent('ExtensionStatus');
    expect(status.get('Status')).toBe('1');
    pbx!.faults.restart(10).catch(() => undefined);
    await c.closed;
    expect(c.events.map((e) => e.event)).not.toContain('FullyBooted');
    expect(c.events.map((e) => e.event)).not.toContain('SuccessfulAuth');
    expect(c.events.map((e) => e.event)).not.toContain('Shutdown');
  });
});

describe('events and filters', () => {
  it('honours Events: off at login, the Events action, and include/exclude filters', async () => {
    await start();
    const c = await client();
    await c.login('console', 'console-secret', { Events: 'off' });
    pbx!.setDeviceState('PJSIP/101', 'INUSE');
    await new Promise((r) => setTimeout(r, 50));
    expect(c.events).toHaveLength(0);
    const on = await c.action('Events', { EventMask: 'call' });
    expect(on.get('Events')).toBe('On');
    expect(names(on)).toEqual(['Response', 'ActionID', 'Events']);
    pbx!.setDeviceState('PJSIP/101', 'NOT_INUSE');
    await c.waitForEvent('DeviceStateChange');
    expect((await c.action('Filter', { Operation: 'Add', Filter: 'Event: ExtensionStatus' })).get('Message')).toBe(
      'Success',
    );
    await c.action('Filter', { Operation: 'Add', Filter: '!Status: 0' });
    const before = c.events.length;
    pbx!.setDeviceState('PJSIP/101', 'RINGING');
    pbx!.setDeviceState('PJSIP/101', 'NOT_INUSE');
    await c.action('Ping');
    const fresh = c.events.slice(before);
    expect(fresh.map((e) => `${e.event}:${e.get('Status')}`)).toEqual(['ExtensionStatus:8']);
    expect((await c.action('Events', { EventMask: 'off' })).get('Events')).toBe('Off');
  });
});

describe('hints per dialect', () => {
  it('asterisk-18 lists hints with ExtensionStateList and reports changes with StatusText', async () => {
    await start({ dialect: 'asterisk-18' });
    const c = await client();
    await c.login();
    const { response, items, complete } = await c.list('ExtensionStateList', {}, 'ExtensionStateListComplete');
    expect(response.get('EventList')).toBe('start');
    expect(response.get('Message')).toBe('Extension Statuses will follow');
    expect(items.length).toBe(pbx!.model.hints.size);
    expect(names(items[0]!)).toEqual(['Event', 'ActionID', 'Exten', 'Context', 'Hint', 'Status', 'StatusText']);
    expect(complete.get('ListItems')).toBe(String(items.length));
    pbx!.setDeviceState('PJSIP/105', 'RINGINUSE');
    const ev = await c.waitForEvent('ExtensionStatus', (m) => m.get('Exten') === '105' && m.actionId === undefined);
    expect(names(ev)).toEqual([
      'Event',
      'Privilege',
      'Timestamp',
      'SystemName',
      'Exten',
      'Context',
      'Hint',
      'Status',
      'StatusText',
    ]);
    expect([ev.get('Hint'), ev.get('Status'), ev.get('StatusText')]).toEqual(['PJSIP/105', '9', 'InUse&Ringing']);
    const unknown = await c.action('ExtensionState', { Exten: '199', Context: 'internal' });
    expect([unknown.get('Hint'), unknown.get('Status'), unknown.get('StatusText')]).toEqual(['', '-1', 'Unknown']);
  });

  it('asterisk-11 has no ExtensionStateList, answers core show hints the old way, and omits StatusText', async () => {
    await start({ dialect: 'asterisk-11' });
    const c = await client();
    await c.login();
    expect((await c.action('ExtensionStateList')).get('Message')).toBe('Invalid/unknown command');
    c.send('Command', { Command: 'core show hints' }, 'hints-1');
    await new Promise((r) => setTimeout(r, 100));
    const text = c.received.toString('utf8');
    const start11 = text.indexOf('Response: Follows\r\n');
    expect(start11).toBeGreaterThan(0);
    const body = text.slice(start11, text.indexOf('--END COMMAND--\r\n\r\n', start11));
    expect(body).toContain('ActionID: hints-1\r\n');
    expect(body).toContain(
      '                 100@internal            : SIP/100               State:Idle            Watchers  0\n',
    );
    pbx!.setDeviceState('SIP/100', 'INUSE');
    const ev = await c.waitForEvent('ExtensionStatus');
    expect(names(ev)).toEqual(['Event', 'Privilege', 'Timestamp', 'Exten', 'Context', 'Hint', 'Status']);
  });

  it('asterisk-22 answers core show hints in Output: lines like Asterisk 20', async () => {
    await start({ dialect: 'asterisk-22' });
    const c = await client();
    await c.login();
    const reply = await c.action('Command', { Command: 'core show hints' });
    expect(reply.get('Message')).toBe('Command output follows');
    const out = reply.getAll('Output');
    expect(c.received.toString('utf8')).toContain(
      'Output: \r\nOutput:     -= Registered Asterisk Dial Plan Hints =-\r\n',
    );
    expect(out).toContain(
      '100@internal                  : PJSIP/100                                                     State:Idle            Presence:not_set         Watchers  0',
    );
    expect(out.at(-1)).toBe(`- ${pbx!.model.hints.size} hints registered`);
    const bogus = await c.action('Command', { Command: 'core show frobnicators' });
    expect(bogus.response).toBe('Error');
    expect((await c.action('Command', { Command: '' })).get('Message')).toBe('No command provided');
  });

  it('asterisk-22 shows an extension of the PBX with dialplan show, and fails for one it does not have', async () => {
    await start({ dialect: 'asterisk-22' });
    const c = await client();
    await c.login();
    const known = await c.action('Command', { Command: 'dialplan show 101@internal' });
    expect(known.response).toBe('Success');
    expect(known.getAll('Output')).toContain(
      '                    2. Dial(PJSIP/101,30)                         [extensions.conf:76]',
    );
    const missing = await c.action('Command', { Command: 'dialplan show 999@internal' });
    expect(missing.response).toBe('Error');
    expect(missing.getAll('Output')).toEqual([
      'There is no existence of 999@internal extension',
      "Command 'dialplan show 999@internal' failed.",
    ]);
  });
});

describe('a person with telnet', () => {
  it('can type a login line by line and watch lamps change', async () => {
    await start({ dialect: 'asterisk-18' });
    const c = await client();
    for (const piece of ['Action: Login\r\n', 'Username: demo\r\n', 'Secret: demo\r\n', '\r\n']) {
      c.writeRaw(piece);
      await new Promise((r) => setTimeout(r, 10));
    }
    await c.waitFor((m) => m.response === 'Success');
    pbx!.setDeviceState('PJSIP/120', 'BUSY');
    await c.waitForEvent('ExtensionStatus', (m) => m.get('Exten') === '120');
    const text = c.received.toString('utf8');
    expect(text).toMatch(
      /^Asterisk Call Manager\/7\.0\.0\r\nResponse: Success\r\nMessage: Authentication accepted\r\n\r\n/,
    );
    expect(text).toContain('Event: ExtensionStatus\r\nPrivilege: call,all\r\n');
    expect(text).toContain(
      'Exten: 120\r\nContext: internal\r\nHint: PJSIP/120\r\nStatus: 2\r\nStatusText: Busy\r\n\r\n',
    );
    expect(pbx!.actionsReceived[0]?.action.get('Username')).toBe('demo');
  });
});

describe('CoreSettings and CoreStatus', () => {
  it.each([
    ['asterisk-11', '1.3', '11.'],
    ['asterisk-18', '7.0.0', '18.'],
    ['asterisk-22', '11.0.0', '22.'],
  ] as const)('%s reports its versions', async (dialect, ami, ast) => {
    await start({ dialect });
    const c = await client();
    await c.login();
    const settings = await c.action('CoreSettings');
    expect(settings.get('AMIversion')).toBe(ami);
    expect(settings.get('AsteriskVersion')!.startsWith(ast)).toBe(true);
    const status = await c.action('CoreStatus');
    expect(status.get('CoreCurrentCalls')).toBe('0');
  });
});
