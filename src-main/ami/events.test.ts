import { describe, expect, it } from 'vitest';
import { readEvent, type AmiEvent, type AmiEventName } from './events';
import { AmiMessage } from './message';
import { traceMessages } from './testing/traces';

/** The typed views of the first event of that name in a recorded session. */
function firstView<N extends AmiEventName>(label: string, name: N, where: (m: AmiMessage) => boolean = () => true) {
  const message = traceMessages(label).find((m) => m.event === name && where(m));
  expect(message, `${name} in ${label}`).toBeDefined();
  const view = readEvent(message!);
  expect(view.name).toBe(name);
  expect(view.message).toBe(message);
  return view as Extract<AmiEvent, { name: N }>;
}

describe('typed AMI events', () => {
  it('reads ExtensionStatus with its numeric hint state, and an unknown hint as -1 (05)', () => {
    const ringing = firstView('05-hints#1', 'ExtensionStatus', (m) => m.get('Status') === '9');
    expect(ringing).toMatchObject({ context: 'internal', status: 9, statusText: 'InUse&Ringing' });
    expect(ringing.hint).toMatch(/^Custom:1\d\d$/);
  });

  it('reads Newchannel, Hangup with its cause, DialBegin without a caller and DialEnd with both legs (07)', () => {
    const created = firstView('07-originate-bridge#1', 'Newchannel');
    expect(created.channel).toMatchObject({
      channel: expect.stringMatching(/^Local\//),
      channelState: 0,
      channelStateDesc: 'Down',
    });
    expect(created.channel?.uniqueid).toMatch(/^lab-/);
    const hangup = firstView('07-originate-bridge#1', 'Hangup');
    expect(hangup.cause).toBe(16);
    expect(hangup.causeText).toBe('Normal Clearing');
    const begin = firstView('07-originate-bridge#1', 'DialBegin', (m) => !m.has('Channel'));
    expect(begin.caller).toBeUndefined();
    expect(begin.dest?.channel).toMatch(/^Local\//);
    expect(begin.dialString).toBeDefined();
    const end = firstView('07-originate-bridge#1', 'DialEnd', (m) => m.has('Channel'));
    expect(end.dialStatus).toBe('ANSWER');
    expect(end.caller?.channel).not.toBe(end.dest?.channel);
  });

  it('reads bridges: create, enter with the channel, merge with both sides (07, 11)', () => {
    const created = firstView('07-originate-bridge#1', 'BridgeCreate');
    expect(created.bridge).toMatchObject({ bridgeType: 'basic', bridgeNumChannels: 0 });
    const entered = firstView('07-originate-bridge#1', 'BridgeEnter');
    expect(entered.bridge?.bridgeUniqueid).toBe(created.bridge?.bridgeUniqueid);
    expect(entered.channel?.channel).toBeDefined();
    const merged = firstView('11-atxfer#1', 'BridgeMerge');
    expect(merged.to?.bridgeUniqueid).toBeDefined();
    expect(merged.from?.bridgeUniqueid).not.toBe(merged.to?.bridgeUniqueid);
  });

  it('reads the parking family: ParkedCall, UnParkedCall with the retriever, ParkedCallTimeOut (12, 13)', () => {
    const parked = firstView('12-park-pickup#1', 'ParkedCall');
    expect(parked).toMatchObject({ parkinglot: 'default', parkingSpace: '701', parkingTimeoutSecs: 45 });
    expect(parked.parkee?.channel).toMatch(/^Local\/102@phones/);
    const unparked = firstView('12-park-pickup#1', 'UnParkedCall');
    expect(unparked.parkingSpace).toBe('701');
    expect(unparked.retriever?.channel).toBeDefined();
    expect(firstView('13-park-timeout#1', 'ParkedCall')).toMatchObject({
      parkingTimeoutSecs: 8,
      parkingDurationSecs: 0,
    });
    // On timeout the seconds left are 0 and the seconds parked are the whole timeout.
    const timedOut = firstView('13-park-timeout#1', 'ParkedCallTimeOut');
    expect(timedOut).toMatchObject({
      parkingTimeoutSecs: 0,
      parkingDurationSecs: 8,
      parkerDialString: 'Local/112@phones',
    });
  });

  it('reads MixMonitor start, mute and stop, and the recording channel (14)', () => {
    const start = firstView('14-mixmonitor#1', 'MixMonitorStart');
    expect(start.channel?.channel).toBeDefined();
    const mute = firstView('14-mixmonitor#1', 'MixMonitorMute');
    expect(mute).toMatchObject({ direction: 'both', muted: true });
    expect(firstView('14-mixmonitor#1', 'MixMonitorStop').muted).toBeUndefined();
  });

  it('reads OriginateResponse success and failure, with no Uniqueid for <unknown> (07, 08)', () => {
    const answered = firstView('07-originate-bridge#1', 'OriginateResponse');
    expect(answered).toMatchObject({ actionId: 'rec-2', success: true, reason: 4 });
    expect(answered.uniqueid).toMatch(/^lab-/);
    const failed = firstView('08-originate-failures#1', 'OriginateResponse');
    expect(failed).toMatchObject({ success: false, reason: 0, channel: 'Local/999@internal', uniqueid: undefined });
  });

  it('reads Shutdown of a restart and FullyBooted with its uptime (20)', () => {
    expect(firstView('20-shutdown#1', 'Shutdown')).toMatchObject({ clean: true, restart: true });
    expect(firstView('20-shutdown#2', 'FullyBooted')).toMatchObject({ uptimeSecs: 1, status: 'Fully Booted' });
  });

  it('reads DeviceStateChange, Hold and the transfer results (05, 10, 11)', () => {
    expect(firstView('05-hints#1', 'DeviceStateChange').device).toMatch(/^Custom:/);
    expect(firstView('11-atxfer#1', 'Hold').channel?.channel).toBeDefined();
    const blind = firstView('10-blindtransfer#1', 'BlindTransfer');
    expect(blind.result).toBe('Success');
    expect(blind.transferee?.channel).not.toBe(blind.transferer?.channel);
    expect(firstView('11-atxfer#1', 'AttendedTransfer').transferer?.channel).toBeDefined();
  });

  it('passes every other event and every reply through untouched, as the same message', () => {
    const unknown = AmiMessage.fromRawBlock('Event: VarSet\r\nVariable: A\r\nValue: 1\r\nstray line\r\n');
    const view = readEvent(unknown);
    expect(view).toEqual({ name: 'other', message: unknown });
    expect(view.message).toBe(unknown);
    expect(unknown.headers).toEqual([
      ['Event', 'VarSet'],
      ['Variable', 'A'],
      ['Value', '1'],
    ]);
    expect(unknown.rawLines).toEqual(['stray line']);
    const reply = AmiMessage.of({ Response: 'Success', Message: 'Park successful' });
    expect(readEvent(reply)).toEqual({ name: 'other', message: reply });
    // Event names are matched as Asterisk spells them.
    expect(readEvent(AmiMessage.of({ Event: 'hangup' })).name).toBe('other');
    const seen = new Set(traceMessages('09-redirect#1').map((m) => readEvent(m).name));
    expect(seen).toContain('other');
  });
});
