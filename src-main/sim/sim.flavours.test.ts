import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedPbx, type SimulatedPbx, type SimulatedPbxOptions } from './index';
import { RawAmiClient } from './testing/test-client';

/** The call shapes of the flavours that put Local channels in front of phones (issue 9). */

let pbx: SimulatedPbx | undefined;
const clients: RawAmiClient[] = [];

async function setup(options: SimulatedPbxOptions) {
  pbx = await startSimulatedPbx({ answerDelayMs: 30, ...options });
  const c = await RawAmiClient.connect(pbx.port);
  clients.push(c);
  await c.bannerReceived;
  await c.login();
  return { pbx, c };
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await pbx?.close();
  pbx = undefined;
});

const local = (exten: string, context: string, half: 1 | 2) =>
  new RegExp(`^Local/${exten}@${context}-[0-9a-f]{8};${half}$`);

describe('flavour local-handsets (the traces lab PBX)', () => {
  it('hints are Custom:1NN (110 with its presence) for 100-119 only; names only from voicemail', async () => {
    const { c } = await setup({ flavour: 'local-handsets' });
    const { items: hints } = await c.list('ExtensionStateList', {}, 'ExtensionStateListComplete');
    expect(hints.map((h) => h.get('Exten')).sort()).toEqual(Array.from({ length: 20 }, (_, i) => String(100 + i)));
    expect(hints.find((h) => h.get('Exten') === '105')?.get('Hint')).toBe('Custom:105');
    expect(hints.find((h) => h.get('Exten') === '110')?.get('Hint')).toBe('Custom:110,CustomPresence:110');
    const { items: users } = await c.list('VoicemailUsersList', {}, 'VoicemailUserEntryComplete');
    expect(users.find((u) => u.get('VoiceMailbox') === '105')?.get('Fullname')).toBe('Emma Fischer');
  });

  it('my phone Local/100@phones calls 105: two Local pairs, their ;1 halves bridged, the ;2 halves in Wait', async () => {
    const { c } = await setup({ flavour: 'local-handsets' });
    const start = c.events.length;
    await c.action('Originate', {
      Channel: 'Local/100@phones',
      Context: 'internal',
      Exten: '105',
      Priority: '1',
      Async: 'true',
      CallerID: '"Reception" <100>',
    });
    await c.waitForEvent('BridgeEnter', (m) => m.get('BridgeNumChannels') === '2');
    const events = c.events.slice(start);
    const pairs = events.filter((e) => e.event === 'LocalBridge');
    expect(pairs.map((e) => [e.get('LocalOneChannel'), e.get('LocalTwoChannel'), e.get('LocalOptimization')])).toEqual([
      [expect.stringMatching(local('100', 'phones', 1)), expect.stringMatching(local('100', 'phones', 2)), 'Yes'],
      [expect.stringMatching(local('105', 'phones', 1)), expect.stringMatching(local('105', 'phones', 2)), 'Yes'],
    ]);
    const dial = events.find((e) => e.event === 'DialBegin' && e.get('Channel') !== undefined);
    expect(dial?.get('Channel')).toMatch(local('100', 'phones', 1));
    expect(dial?.get('DestChannel')).toMatch(local('105', 'phones', 1));
    expect(dial?.get('DialString')).toBe('105@phones');
    // The callee's ;1 has its own number with the caller's name (trace 25).
    expect([dial?.get('DestCallerIDNum'), dial?.get('DestCallerIDName')]).toEqual(['105', 'Reception']);
    const lamps = events.filter((e) => e.event === 'ExtensionStatus' && e.get('Exten') === '105');
    expect(lamps.map((e) => [e.get('Hint'), e.get('StatusText')])).toEqual([
      ['Custom:105', 'Ringing'],
      ['Custom:105', 'InUse'],
    ]);
    const { items: channels } = await c.list('CoreShowChannels', {}, 'CoreShowChannelsComplete');
    expect(channels.map((ch) => [ch.get('Channel')?.replace(/-[0-9a-f]{8}/, ''), ch.get('Application')])).toEqual([
      ['Local/100@phones;1', 'Dial'],
      ['Local/100@phones;2', 'Wait'],
      ['Local/105@phones;1', 'AppDial'],
      ['Local/105@phones;2', 'Wait'],
    ]);
  });

  it('hanging up a bridged ;1 half takes the other party and both ;2 halves down', async () => {
    const { pbx, c } = await setup({ flavour: 'local-handsets' });
    await pbx.placeCall('103', '104');
    await c.waitForEvent('BridgeEnter', (m) => m.get('BridgeNumChannels') === '2');
    const start = c.events.length;
    const caller = [...pbx.model.channels.values()].find((ch) => local('103', 'phones', 1).test(ch.name))!;
    await c.action('Hangup', { Channel: caller.name });
    await expect.poll(() => pbx.model.channels.size).toBe(0);
    const hangups = c.events.slice(start).filter((e) => e.event === 'Hangup');
    expect(hangups.map((e) => e.get('Channel')?.replace(/-[0-9a-f]{8}/, ''))).toEqual([
      'Local/103@phones;1',
      'Local/104@phones;1',
      'Local/103@phones;2',
      'Local/104@phones;2',
    ]);
  });

  it('ring group 650 rings 105 and 106 through Local channels; the first to answer wins, the other is answered elsewhere', async () => {
    const { pbx, c } = await setup({ flavour: 'local-handsets' });
    pbx.telephony.noAnswer.add('Custom:106');
    const start = c.events.length;
    await pbx.placeCall('103', '650');
    await c.waitForEvent('BridgeEnter', (m) => m.get('BridgeNumChannels') === '2');
    await c.waitForEvent('Hangup', (m) => local('106', 'phones', 2).test(m.get('Channel') ?? ''));
    const events = c.events.slice(start);
    const dials = events.filter((e) => e.event === 'DialBegin');
    expect(dials.map((e) => e.get('DialString'))).toEqual(['105@phones', '106@phones']);
    const ends = events.filter((e) => e.event === 'DialEnd').map((e) => [e.get('DestExten'), e.get('DialStatus')]);
    // Dial hangs up the other legs before it reports the answer (trace 24, part 2).
    expect(ends).toEqual([
      ['106', 'CANCEL'],
      ['105', 'ANSWER'],
    ]);
    const cancelled = events.find(
      (e) => e.event === 'Hangup' && local('106', 'phones', 1).test(e.get('Channel') ?? ''),
    );
    expect(cancelled?.get('Cause')).toBe('26');
  });

  it('queue members are Local/118@phones with state interface Custom:118', async () => {
    const { c } = await setup({ flavour: 'local-handsets' });
    const { items: status } = await c.list('QueueStatus', {}, 'QueueStatusComplete');
    const members = status.filter((e) => e.event === 'QueueMember');
    expect(members.map((m) => [m.get('Location'), m.get('StateInterface')])).toEqual([
      ['Local/118@phones', 'Custom:118'],
      ['Local/119@phones', 'Custom:119'],
    ]);
  });
});

describe('flavour freepbx: queue members and ring groups through Local channels', () => {
  it('a queue caller is bridged with Local/118@from-queue-…;1, whose ;2 is bridged with the phone PJSIP/118', async () => {
    const { pbx, c } = await setup({ flavour: 'freepbx' });
    pbx.setDeviceState('PJSIP/119', 'UNAVAILABLE');
    await pbx.placeCall('+4930123456', '800');
    const connect = await c.waitForEvent('AgentConnect');
    expect(connect.get('Interface')).toBe('Local/118@from-queue/n');
    expect(connect.get('DestChannel')).toMatch(local('118', 'from-queue', 1));
    await c.waitForEvent('BridgeEnter', (m) => local('118', 'from-queue', 1).test(m.get('Channel') ?? ''));
    const bridges = new Map<string, string[]>();
    for (const ch of pbx.model.channels.values())
      if (ch.bridgeId)
        bridges.set(ch.bridgeId, [...(bridges.get(ch.bridgeId) ?? []), ch.name.replace(/-[0-9a-f]{8}/, '')]);
    expect([...bridges.values()].map((names) => names.sort())).toEqual(
      expect.arrayContaining([
        ['Local/118@from-queue;2', 'PJSIP/118'],
        ['Local/118@from-queue;1', 'PJSIP/trunk'],
      ]),
    );
    const pair = c.events.find((e) => e.event === 'LocalBridge');
    expect(pair?.get('LocalOptimization')).toBe('No');
  });

  it('ring group 650 dials Local/105@from-internal/n and Local/106@from-internal/n', async () => {
    const { pbx, c } = await setup({ flavour: 'freepbx' });
    await pbx.placeCall('103', '650');
    await c.waitForEvent(
      'BridgeEnter',
      (m) => m.get('BridgeNumChannels') === '2' && (m.get('Channel') ?? '').startsWith('PJSIP/103'),
    );
    const outer = c.events.filter((e) => e.event === 'DialBegin' && (e.get('Channel') ?? '').startsWith('PJSIP/103'));
    expect(outer.map((e) => e.get('DialString'))).toEqual(['105@from-internal/n', '106@from-internal/n']);
  });
});
