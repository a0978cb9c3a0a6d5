import { afterEach, describe, expect, it } from 'vitest';
import type { AmiMessage } from '../ami/message';
import { startSimulatedPbx, type SimulatedPbx, type SimulatedPbxOptions } from './index';
import { RawAmiClient } from './testing/test-client';

let pbx: SimulatedPbx | undefined;
const clients: RawAmiClient[] = [];
const CONSUMED =
  /^(Newchannel|Newstate|DialBegin|DialEnd|Bridge(Create|Enter|Leave|Destroy)|Bridge|Dial|Hold|Unhold|Hangup|ExtensionStatus|OriginateResponse|ParkedCall|UnParkedCall|ParkedCallTimeOut|ParkedCallGiveUp|BlindTransfer|AttendedTransfer|MixMonitor\w+|Monitor\w+|Queue\w+|Agent\w+|Join|Leave)$/;

async function setup(options: SimulatedPbxOptions = {}) {
  pbx = await startSimulatedPbx({ answerDelayMs: 30, ...options });
  const c = await RawAmiClient.connect(pbx.port);
  clients.push(c);
  await c.bannerReceived;
  await c.login();
  return { pbx, c };
}
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const consumed = (events: AmiMessage[]) =>
  events.filter((e) => CONSUMED.test(e.event ?? '') && (e.actionId === undefined || e.event === 'OriginateResponse'));
const seq = (events: AmiMessage[]) => consumed(events).map((e) => e.event);

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await pbx?.close();
  pbx = undefined;
});

async function callUp(c: RawAmiClient, from = '101', to = '102') {
  const reply = await c.action('Originate', {
    Channel: `PJSIP/${from}`,
    Context: 'internal',
    Exten: to,
    Priority: '1',
    Async: 'true',
    CallerID: `"Ext ${from}" <${from}>`,
  });
  expect(reply.get('Message')).toBe('Originate successfully queued');
  await c.waitForEvent('BridgeEnter', (m) => m.get('BridgeNumChannels') === '2');
  const a = pbx!.model.channelsOnDevice(`PJSIP/${from}`)[0]!;
  const b = pbx!.model.channelsOnDevice(`PJSIP/${to}`)[0]!;
  return { a, b };
}

describe('originate and the call events (asterisk-18)', () => {
  it('rings the operator device, answers, dials the target and bridges them', async () => {
    const { c } = await setup();
    const start = c.events.length;
    await callUp(c);
    const events = c.events.slice(start);
    expect(seq(events)).toEqual([
      'Newchannel',
      'DialBegin',
      'Newstate',
      'ExtensionStatus',
      'Newstate',
      'ExtensionStatus',
      'DialEnd',
      'Newchannel',
      'DialBegin',
      'Newstate',
      'ExtensionStatus',
      'OriginateResponse',
      'Newstate',
      'ExtensionStatus',
      'DialEnd',
      'BridgeCreate',
      'BridgeEnter',
      'BridgeEnter',
    ]);
    const names = seq(events);
    expect(names[0]).toBe('Newchannel');
    expect(names).toContain('OriginateResponse');
    expect(names.slice(-3)).toEqual(['BridgeCreate', 'BridgeEnter', 'BridgeEnter']);
    const originateLeg = events.find((e) => e.event === 'DialBegin')!;
    expect(originateLeg.get('Channel')).toBeUndefined();
    expect(originateLeg.get('DestChannel')).toMatch(/^PJSIP\/101-[0-9a-f]{8}$/);
    const response = events.find((e) => e.event === 'OriginateResponse')!;
    expect([response.get('Response'), response.get('Reason')]).toEqual(['Success', '4']);
    expect(response.headers.map(([n]) => n)).toEqual([
      'Event',
      'Privilege',
      'Timestamp',
      'SystemName',
      'ActionID',
      'Response',
      'Channel',
      'Context',
      'Exten',
      'Reason',
      'Uniqueid',
      'CallerIDNum',
      'CallerIDName',
    ]);
    expect(
      events.filter((e) => e.event === 'ExtensionStatus').map((e) => `${e.get('Exten')}:${e.get('Status')}`),
    ).toEqual(['101:8', '101:1', '102:8', '102:1']);
  });

  it('lists channels and bridges, then tears the call down on Hangup in Asterisk order', async () => {
    const { c } = await setup();
    const { b } = await callUp(c);
    const channels = await c.list('CoreShowChannels');
    expect(channels.items).toHaveLength(2);
    expect(channels.items[0]!.headers.map(([n]) => n).slice(-5)).toEqual([
      'Linkedid',
      'Application',
      'ApplicationData',
      'Duration',
      'BridgeId',
    ]);
    const status = await c.list('Status');
    expect(status.items[0]!.headers.at(-1)![0]).toBe('ActionID');
    expect(status.complete.get('Items')).toBe('2');
    const bridges = await c.list('BridgeList');
    expect(bridges.items.map((i) => i.get('BridgeType')).sort()).toEqual(['basic', 'parking']);
    const start = c.events.length;
    expect((await c.action('Hangup', { Channel: b.name, Cause: '16' })).get('Message')).toBe('Channel Hungup');
    await c.waitForEvent('BridgeDestroy');
    await wait(30);
    expect(seq(c.events.slice(start)).filter((n) => n !== 'ExtensionStatus')).toEqual([
      'BridgeLeave',
      'BridgeLeave',
      'Hangup',
      'BridgeDestroy',
      'Hangup',
    ]);
    const hangup = c.events.slice(start).find((e) => e.event === 'Hangup')!;
    expect([hangup.get('Cause'), hangup.get('Cause-txt')]).toEqual(['16', 'Normal Clearing']);
  });

  it('answers originate failures the way Asterisk 20 does', async () => {
    const { c } = await setup();
    expect(
      (
        await c.action('Originate', {
          Channel: 'NoSlash',
          Context: 'internal',
          Exten: '100',
          Priority: '1',
          Async: 'true',
        })
      ).get('Message'),
    ).toBe('Invalid channel');
    expect(
      (
        await c.action('Originate', {
          Channel: 'PJSIP/105',
          Context: 'internal',
          Exten: '999',
          Priority: '1',
          Async: 'true',
        })
      ).get('Message'),
    ).toBe('Extension does not exist.');
    expect(
      (await c.action('Originate', { Channel: 'PJSIP/999', Context: 'internal', Exten: '100', Priority: '1' })).get(
        'Message',
      ),
    ).toBe('Originate failed');
    const id = c.send('Originate', {
      Channel: 'Bogus/1',
      Context: 'internal',
      Exten: '100',
      Priority: '1',
      Async: 'true',
    });
    expect((await c.waitFor((m) => m.actionId === id && m.response !== undefined)).get('Message')).toBe(
      'Originate successfully queued',
    );
    const failure = await c.waitForEvent('OriginateResponse', (m) => m.actionId === id);
    expect([failure.get('Response'), failure.get('Channel'), failure.get('Reason'), failure.get('Uniqueid')]).toEqual([
      'Failure',
      'Bogus/1',
      '0',
      '<unknown>',
    ]);
  });

  it('sync Originate answers after the device picks up', async () => {
    const { c } = await setup();
    const reply = await c.action('Originate', {
      Channel: 'PJSIP/110',
      Application: 'Playback',
      Data: 'demo-congrats',
      Timeout: '5000',
    });
    expect(reply.get('Message')).toBe('Originate successfully queued');
    expect(pbx!.model.channelsOnDevice('PJSIP/110')[0]?.state).toBe('Up');
  });
});

describe('redirect and transfers', () => {
  it('moves both parties with a dual Redirect', async () => {
    const { c } = await setup();
    const { a, b } = await callUp(c, '103', '104');
    const reply = await c.action('Redirect', {
      Channel: a.name,
      ExtraChannel: b.name,
      Context: 'internal',
      Exten: '105',
      ExtraExten: '106',
      ExtraContext: 'internal',
      Priority: '1',
    });
    expect(reply.get('Message')).toBe('Dual Redirect successful');
    await c.waitForEvent('BridgeEnter', (m) => m.get('Channel')!.startsWith('PJSIP/106-'));
    await c.waitForEvent('BridgeEnter', (m) => m.get('Channel')!.startsWith('PJSIP/105-'));
    expect(pbx!.model.bridgePeers(a)[0]?.device).toBe('PJSIP/105');
    expect(pbx!.model.bridgePeers(b)[0]?.device).toBe('PJSIP/106');
  });

  it('blind-transfers the peer of the transferer and reports BlindTransfer', async () => {
    const { c } = await setup();
    const { a, b } = await callUp(c, '103', '104');
    expect(
      (await c.action('BlindTransfer', { Channel: a.name, Context: 'internal', Exten: '107' })).get('Message'),
    ).toBe('Transfer succeeded');
    const ev = await c.waitForEvent('BlindTransfer');
    expect([ev.get('TransfererChannel'), ev.get('TransfereeChannel'), ev.get('Extension')]).toEqual([
      a.name,
      b.name,
      '107',
    ]);
    await c.waitForEvent(
      'BridgeEnter',
      (m) =>
        m.get('Channel') === b.name &&
        m.get('BridgeNumChannels') === '2' &&
        m.get('BridgeUniqueid') !== ev.get('BridgeUniqueid'),
    );
    expect(
      (await c.action('BlindTransfer', { Channel: 'PJSIP/nonexistent-0000', Context: 'internal', Exten: '107' })).get(
        'Message',
      ),
    ).toBe('Channel specified does not exist');
    expect((await c.action('Atxfer', { Channel: b.name, Context: 'internal', Exten: '108' })).get('Message')).toBe(
      'Atxfer successfully queued',
    );
  });
});

describe('attended transfer with the transfer feature', () => {
  it('consults when the call was originated with BRIDGE_FEATURES=T, and completes when the transferer hangs up', async () => {
    const { c } = await setup();
    await c.action('Originate', {
      Channel: 'PJSIP/103',
      Context: 'internal',
      Exten: '104',
      Async: 'true',
      Variable: 'BRIDGE_FEATURES=T',
    });
    await c.waitForEvent('BridgeEnter', (m) => m.get('BridgeNumChannels') === '2');
    const [transferer] = pbx!.model.channelsOnDevice('PJSIP/103');
    const [transferee] = pbx!.model.channelsOnDevice('PJSIP/104');
    const start = c.events.length;
    await c.action('Atxfer', { Channel: transferer!.name, Context: 'internal', Exten: '108' });
    await c.waitForEvent(
      'Newstate',
      (m) => m.get('Channel')?.startsWith('PJSIP/108-') === true && m.get('ChannelStateDesc') === 'Up',
    );
    const [target] = pbx!.model.channelsOnDevice('PJSIP/108');
    expect(pbx!.model.bridgePeers(transferer!)).toEqual([target]);
    expect(pbx!.model.bridgePeers(transferee!)).toEqual([]);

    await c.action('Hangup', { Channel: transferer!.name });
    const transfer = await c.waitForEvent('AttendedTransfer');
    expect([transfer.get('Result'), transfer.get('TransfereeChannel'), transfer.get('TransferTargetChannel')]).toEqual([
      'Success',
      transferee!.name,
      target!.name,
    ]);
    expect(pbx!.model.bridgePeers(transferee!)).toEqual([target]);
    const names = seq(c.events.slice(start));
    expect(names.slice(0, 1)).toEqual(['Hold']);
    expect(names).not.toContain('DialBegin');
    expect(c.events.slice(start).map((e) => e.event)).toContain('BridgeMerge');
  });

  it('returns the transferer to the waiting party when the target does not answer', async () => {
    const { c } = await setup({ atxfer: 'transfers' });
    pbx!.telephony.noAnswer.add('PJSIP/108');
    const { a, b } = await callUp(c, '103', '104');
    await c.action('Atxfer', { Channel: a.name, Context: 'internal', Exten: '108' });
    await c.waitForEvent('Newstate', (m) => m.get('Channel')?.startsWith('PJSIP/108-') === true);
    pbx!.telephony.hangup(pbx!.model.channelsOnDevice('PJSIP/108')[0]!, 16);
    await c.waitForEvent('Unhold', (m) => m.get('Channel') === a.name);
    expect(pbx!.model.bridgePeers(a)).toEqual([b]);
  });

  it('BRIDGE_FEATURES=T on the called party does nothing (the digits go to the call); Tt consults', async () => {
    const { pbx, c } = await setup();
    await pbx.placeCall('105', '100');
    await c.waitForEvent('BridgeEnter', (m) => m.get('BridgeNumChannels') === '2');
    const [operator] = pbx.model.channelsOnDevice('PJSIP/100');
    const [caller] = pbx.model.channelsOnDevice('PJSIP/105');
    expect(operator!.application).toBe('AppDial');
    await c.action('Setvar', { Channel: operator!.name, Variable: 'BRIDGE_FEATURES', Value: 'T' });
    expect(
      (await c.action('Atxfer', { Channel: operator!.name, Context: 'internal', Exten: '108' })).get('Message'),
    ).toBe('Atxfer successfully queued');
    await wait(150);
    expect(pbx.model.channelsOnDevice('PJSIP/108')).toEqual([]);
    expect(pbx.model.bridgePeers(operator!)).toEqual([caller]);

    await c.action('Setvar', { Channel: operator!.name, Variable: 'BRIDGE_FEATURES', Value: 'Tt' });
    await c.action('Atxfer', { Channel: operator!.name, Context: 'internal', Exten: '108' });
    await c.waitForEvent('Hold', (m) => m.get('Channel') === operator!.name);
    await expect.poll(() => pbx.model.channelsOnDevice('PJSIP/108').length).toBe(1);
    expect(pbx.model.bridgePeers(caller!)).toEqual([]);
  });

  it('leaves the digits to the call when the call has no transfer feature', async () => {
    const { c } = await setup();
    const { a, b } = await callUp(c, '103', '104');
    expect((await c.action('Atxfer', { Channel: a.name, Context: 'internal', Exten: '108' })).get('Message')).toBe(
      'Atxfer successfully queued',
    );
    await wait(150);
    expect(pbx!.model.channelsOnDevice('PJSIP/108')).toEqual([]);
    expect(pbx!.model.bridgePeers(a)).toEqual([b]);
  });
});

describe('parking', () => {
  it('parks with the quirky bare-LF reply, lists, times out and rings reception', async () => {
    const { c } = await setup();
    const { a, b } = await callUp(c);
    const id = c.send('Park', { Channel: b.name, TimeoutChannel: a.name, Timeout: '300' });
    const parked = await c.waitForEvent('ParkedCall', (m) => m.actionId === undefined);
    expect(c.received.toString('utf8')).toContain(
      `Response: Success\r\nActionID: ${id}\r\nMessage: Park successful\n\r\n\r\n`,
    );
    expect([parked.get('ParkeeChannel'), parked.get('ParkingSpace'), parked.get('Parkinglot')]).toEqual([
      b.name,
      '701',
      'default',
    ]);
    const list = await c.list('ParkedCalls');
    expect(list.items.map((i) => i.get('ParkingSpace'))).toEqual(['701']);
    expect(list.complete.get('Total')).toBe('1');
    const lots = await c.list('Parkinglots');
    expect([lots.items[0]!.get('StartSpace'), lots.items[0]!.get('StopSpace')]).toEqual(['701', '720']);
    const timeout = await c.waitForEvent('ParkedCallTimeOut');
    expect(timeout.get('ParkeeChannel')).toBe(b.name);
    await c.waitForEvent(
      'DialBegin',
      (m) => m.get('Channel') === b.name && m.get('DestChannel')!.startsWith('PJSIP/100-'),
    );
  });

  it('picks a parked call up by originating to its space', async () => {
    const { c } = await setup();
    const { a, b } = await callUp(c);
    await c.action('Park', { Channel: b.name, TimeoutChannel: a.name });
    await c.waitForEvent('ParkedCall');
    await c.action('Originate', {
      Channel: 'PJSIP/100',
      Context: 'internal',
      Exten: '701',
      Priority: '1',
      Async: 'true',
    });
    const unparked = await c.waitForEvent('UnParkedCall');
    expect(unparked.get('RetrieverChannel')).toMatch(/^PJSIP\/100-/);
    await c.waitForEvent('BridgeEnter', (m) => m.get('Channel') === b.name && m.get('BridgeType') === 'basic');
    expect((await c.list('ParkedCalls')).items).toHaveLength(0);
  });
});

describe('recording', () => {
  it('MixMonitor start, mute, stop; a second stop fails', async () => {
    const { c } = await setup();
    const { b } = await callUp(c);
    const start = await c.action('MixMonitor', { Channel: b.name, File: 'x.wav', Options: 'b' });
    expect(start.headers.map(([n]) => n)).toEqual(['Response', 'ActionID']);
    await c.waitForEvent('MixMonitorStart');
    await c.action('MixMonitorMute', { Channel: b.name, Direction: 'both', State: '1' });
    expect((await c.waitForEvent('MixMonitorMute')).get('State')).toBe('1');
    expect((await c.action('StopMixMonitor', { Channel: b.name })).response).toBe('Success');
    await c.waitForEvent('MixMonitorStop');
    expect((await c.action('StopMixMonitor', { Channel: b.name })).get('Message')).toBe(
      'Could not stop monitoring channel',
    );
    expect((await c.action('MixMonitor', { Channel: 'PJSIP/nonexistent-0000', File: 'x.wav' })).get('Message')).toBe(
      'No such channel',
    );
  });

  it('asterisk-18 keeps the Monitor family; asterisk-22 does not', async () => {
    const { c } = await setup({ dialect: 'asterisk-18' });
    const { b } = await callUp(c);
    expect((await c.action('Monitor', { Channel: b.name, File: 'm', Format: 'wav', Mix: 'true' })).get('Message')).toBe(
      'Started monitoring channel',
    );
    await c.waitForEvent('MonitorStart');
    expect((await c.action('PauseMonitor', { Channel: b.name })).get('Message')).toBe(
      'Paused monitoring of the channel',
    );
    expect((await c.action('UnpauseMonitor', { Channel: b.name })).get('Message')).toBe(
      'Unpaused monitoring of the channel',
    );
    expect((await c.action('ChangeMonitor', { Channel: b.name, File: 'n' })).get('Message')).toBe(
      'Changed monitor filename',
    );
    expect((await c.action('StopMonitor', { Channel: b.name })).get('Message')).toBe('Stopped monitoring channel');
    await c.waitForEvent('MonitorStop');
    await pbx!.close();
    clients.splice(0).forEach((x) => x.close());
    const { c: c22 } = await setup({ dialect: 'asterisk-22' });
    for (const action of ['Monitor', 'StopMonitor', 'PauseMonitor', 'UnpauseMonitor', 'ChangeMonitor']) {
      expect((await c22.action(action, { Channel: 'PJSIP/100-00000000' })).get('Message')).toBe(
        'Invalid/unknown command',
      );
    }
  });
});

describe('asterisk-11 call events', () => {
  it('plays music to the waiting caller of an attended transfer as the old MusicOnHold event', async () => {
    const { c } = await setup({ dialect: 'asterisk-11', atxfer: 'transfers' });
    await c.action('Originate', { Channel: 'SIP/103', Context: 'internal', Exten: '104', Async: 'true' });
    await c.waitForEvent('Bridge', (m) => m.get('Bridgestate') === 'Link');
    const a = pbx!.model.channelsOnDevice('SIP/103')[0]!;
    const b = pbx!.model.channelsOnDevice('SIP/104')[0]!;
    await c.action('Atxfer', { Channel: a.name, Context: 'internal', Exten: '108' });
    const music = await c.waitForEvent('MusicOnHold');
    expect(music.headers.map(([n, v]) => `${n}: ${v}`).slice(3)).toEqual([
      'State: Start',
      `Channel: ${b.name}`,
      `UniqueID: ${b.uniqueid}`,
      'Class: default',
    ]);
    await c.waitForEvent(
      'Newstate',
      (m) => m.get('Channel')?.startsWith('SIP/108-') === true && m.get('ChannelStateDesc') === 'Up',
    );
    await c.action('Hangup', { Channel: a.name });
    const stop = await c.waitForEvent('MusicOnHold', (m) => m.get('State') === 'Stop');
    expect(stop.get('Channel')).toBe(b.name);
    expect(pbx!.model.bridgePeers(b)[0]?.device).toBe('SIP/108');
  });

  it('uses Dial SubEvent, Bridge Link/Unlink, SIP devices and Park with Channel2', async () => {
    const { c } = await setup({ dialect: 'asterisk-11' });
    await c.action('Originate', {
      Channel: 'SIP/101',
      Context: 'internal',
      Exten: '102',
      Priority: '1',
      Async: 'true',
    });
    const link = await c.waitForEvent('Bridge', (m) => m.get('Bridgestate') === 'Link');
    expect(link.headers.map(([n]) => n)).toEqual([
      'Event',
      'Privilege',
      'Timestamp',
      'Bridgestate',
      'Bridgetype',
      'Channel1',
      'Channel2',
      'Uniqueid1',
      'Uniqueid2',
      'CallerID1',
      'CallerID2',
    ]);
    const dials = c.events.filter((e) => e.event === 'Dial').map((e) => e.get('SubEvent'));
    expect(dials).toEqual(['Begin', 'End', 'Begin', 'End']);
    expect(c.events.some((e) => e.event?.startsWith('Bridge') && e.event !== 'Bridge')).toBe(false);
    expect(c.events.some((e) => e.event === 'DialBegin')).toBe(false);
    const callee = link.get('Channel1')!;
    const caller = link.get('Channel2')!;
    expect(callee).toMatch(/^SIP\/102-/);
    expect((await c.action('Park', { Channel: callee })).get('Message')).toBe('Channel2 not specified');
    await c.action('Park', { Channel: callee, Channel2: caller });
    const parked = await c.waitForEvent('ParkedCall');
    expect(parked.headers.map(([n]) => n).slice(3, 8)).toEqual(['Exten', 'Channel', 'Parkinglot', 'From', 'Timeout']);
    expect((await c.action('BlindTransfer', { Channel: caller })).get('Message')).toBe('Invalid/unknown command');
  });
});

describe('queue, voicemail and presence', () => {
  it('queues an outside caller, rings a member and reports Queue* events', async () => {
    const { c } = await setup();
    await c.action('QueuePause', { Queue: 'operator', Interface: 'PJSIP/118', Paused: 'true', Reason: 'lunch break' });
    const pause = await c.waitForEvent('QueueMemberPause');
    expect([pause.get('Paused'), pause.get('PausedReason')]).toEqual(['1', 'lunch break']);
    await pbx!.placeCall('+4930123456', '800');
    const join = await c.waitForEvent('QueueCallerJoin');
    expect([join.get('Queue'), join.get('Position'), join.get('Count')]).toEqual(['operator', '1', '1']);
    const connect = await c.waitForEvent('AgentConnect');
    expect(connect.get('Interface')).toBe('PJSIP/119');
    await c.waitForEvent('QueueCallerLeave');
    const status = await c.list('QueueStatus', { Queue: 'operator' });
    expect(status.items.map((i) => i.event)).toEqual(['QueueParams', 'QueueMember', 'QueueMember']);
    const summary = await c.list('QueueSummary', { Queue: 'operator' });
    expect(summary.items[0]!.get('Callers')).toBe('0');
    expect(
      (await c.action('QueuePause', { Queue: 'operator', Interface: 'PJSIP/999', Paused: 'true' })).get('Message'),
    ).toBe('Interface not found');
  });

  it('reports AgentComplete, naming who hung up, when a queue call ends', async () => {
    const { c } = await setup({ dialect: 'asterisk-18' });
    const caller = await pbx!.placeCall('+4930123456', '800');
    await c.waitForEvent('AgentConnect');
    const agent = pbx!.model.bridgePeers(caller)[0]!;
    pbx!.telephony.hangup(agent, 16);
    const complete = await c.waitForEvent('AgentComplete');
    expect([
      complete.get('Channel'),
      complete.get('DestChannel'),
      complete.get('Queue'),
      complete.get('Reason'),
    ]).toEqual([caller.name, agent.name, 'operator', 'agent']);
    const order = c.events.filter((e) => e.get('Channel') === caller.name).map((e) => e.event);
    expect(order.slice(-3)).toEqual(['BridgeLeave', 'AgentComplete', 'Hangup']);
  });

  it('reports MessageWaiting and mailbox counts', async () => {
    const { c } = await setup();
    pbx!.setMailbox('101', 2, 1);
    const mwi = await c.waitForEvent('MessageWaiting');
    expect(mwi.headers.map(([n]) => n).slice(4)).toEqual(['Mailbox', 'Waiting', 'New', 'Old']);
    const count = await c.action('MailboxCount', { Mailbox: '101@default' });
    expect([count.get('NewMessages'), count.get('OldMessages')]).toEqual(['2', '1']);
    expect((await c.action('MailboxStatus', { Mailbox: '101@default' })).get('Waiting')).toBe('1');
  });

  it('lists voicemail users with their counts, and says when a user does not exist', async () => {
    const { c } = await setup();
    pbx!.setMailbox('101', 2, 1);
    const users = await c.list('VoicemailUsersList', {}, 'VoicemailUserEntryComplete');
    const entry = users.items.find((item) => item.get('VoiceMailbox') === '101');
    expect([entry?.get('VMContext'), entry?.get('NewMessageCount'), entry?.get('OldMessageCount')]).toEqual([
      'default',
      '2',
      '1',
    ]);
    expect(users.complete.get('ListItems')).toBe(String(users.items.length));
    const detail = await c.list(
      'VoicemailUserStatus',
      { Context: 'default', Mailbox: '101' },
      'VoicemailUserDetailComplete',
    );
    expect(detail.items.map((item) => [item.event, item.get('NewMessageCount')])).toEqual([
      ['VoicemailUserDetail', '2'],
    ]);
    const missing = await c.action('VoicemailUserStatus', { Context: 'default', Mailbox: '999' });
    expect([missing.response, missing.get('Message')]).toEqual(['Error', 'User not found.']);
  });

  it('reports presence changes per provider and per hint', async () => {
    const { c } = await setup();
    pbx!.setPresence('111', 'away', 'lunch', 'back at two');
    const change = await c.waitForEvent('PresenceStateChange');
    const status = await c.waitForEvent('PresenceStatus');
    expect([change.get('Presentity'), change.get('Status')]).toEqual(['CustomPresence:111', 'away']);
    expect([status.get('Exten'), status.get('Hint'), status.get('Message')]).toEqual([
      '111',
      'PJSIP/111,CustomPresence:111',
      'back at two',
    ]);
    const state = await c.action('PresenceState', { Provider: 'CustomPresence:111' });
    expect(state.getAll('Message')).toEqual(['Presence State', 'back at two']);
    const list = await c.list('PresenceStateList');
    expect(list.items).toHaveLength(1);
    expect((await c.action('PresenceState', { Provider: 'Bogus:1' })).response).toBe('Error');
  });
});

describe('channel variables and old-style lists', () => {
  it('sets and reads a channel variable', async () => {
    const { c } = await setup();
    const { a } = await callUp(c);
    expect((await c.action('Setvar', { Channel: a.name, Variable: 'CASE_ID', Value: '4711' })).get('Message')).toBe(
      'Variable Set',
    );
    const got = await c.action('Getvar', { Channel: a.name, Variable: 'CASE_ID' });
    expect([got.get('Variable'), got.get('Value')]).toEqual(['CASE_ID', '4711']);
    expect((await c.action('Getvar', { Channel: 'PJSIP/nope-00000000', Variable: 'X' })).get('Message')).toBe(
      'No such channel',
    );
  });

  it('asterisk-11 lists Status without EventList and completes with Items', async () => {
    const { c } = await setup({ dialect: 'asterisk-11' });
    await c.action('Originate', {
      Channel: 'SIP/101',
      Context: 'internal',
      Exten: '102',
      Priority: '1',
      Async: 'true',
    });
    await c.waitForEvent('Bridge');
    const { response, items, complete } = await c.list('Status');
    expect(response.get('EventList')).toBeUndefined();
    expect(response.get('Message')).toBe('Channel status will follow');
    expect(items.map((i) => i.get('BridgedChannel')).every(Boolean)).toBe(true);
    expect(complete.headers.map(([n]) => n)).toEqual(['Event', 'ActionID', 'Items']);
  });
});
