import { describe, expect, it } from 'vitest';
import { eventAdapterFor } from '../calls/adapt';
import { dialectForAmiVersion } from '../dialect';
import { feed } from '../testing/feed';
import { liveEvents, readTrace, type TracedMessage } from '../testing/traces';
import { inEnglish } from '../../english-words';
import { AtxferWatcher } from './atxfer-watcher';
import { BlindTransferWatcher } from './blind-transfer-watcher';
import { OriginateWatcher } from './originate-watcher';
import type { PbxEvent } from '../calls/events';
import type { ChannelRecord, PbxModel } from '../calls/model';
import type { OutcomeWatcher, WatchFailure } from './watcher';

/** What the operator reads of a watcher's failure, in English. */
const failureWords = ({ stage }: { readonly stage: { readonly stage: string } | WatchFailure }): string | undefined =>
  'said' in stage ? inEnglish(stage.said) : undefined;

function channelByName(model: PbxModel, name: string): ChannelRecord | undefined {
  for (const channel of model.channels.values()) if (channel.name === name) return channel;
  return undefined;
}

const adapt = eventAdapterFor(dialectForAmiVersion('9.0.0'));

/** Feeds traced events to a watcher, ticking the clock at each, and lists the stages it reported. */
function drive<S extends { stage: string }>(
  watcher: OutcomeWatcher<S>,
  messages: readonly TracedMessage[],
  endAt?: number,
): string[] {
  const stages: string[] = [];
  for (const { t, message } of messages) {
    const ticked = watcher.tick(t);
    if (ticked) stages.push(ticked.stage);
    for (const event of adapt(message)) {
      const changed = watcher.observe(event, t);
      if (changed) stages.push(changed.stage);
    }
  }
  if (endAt !== undefined) {
    const ticked = watcher.tick(endAt);
    if (ticked) stages.push(ticked.stage);
  }
  return stages;
}

describe('originate watcher', () => {
  it('reports ringing then connected for the traced originate, though OriginateResponse comes mid-flow', () => {
    const trace = readTrace('07-originate-bridge');
    const watcher = new OriginateWatcher({
      actionId: 'rec-2',
      myDevice: 'Local/101@internal',
      target: '102',
      startedAt: 302,
      timeoutMs: 30_000,
    });
    expect(drive(watcher, liveEvents(trace, 5314))).toEqual(['ringing', 'connected']);
  });

  it('fails with a plain reason when the PBX could not call my phone (Reason 0)', () => {
    const trace = readTrace('08-originate-failures');
    const watcher = new OriginateWatcher({
      actionId: 'rec-2',
      myDevice: 'Local/999@internal',
      target: '100',
      startedAt: 304,
      timeoutMs: 30_000,
    });
    drive(watcher, liveEvents(trace));
    expect(watcher.stage).toMatchObject({
      stage: 'failed',
      code: 'reason0',
      said: { reason: 'couldNotCallYou', values: { myDevice: 'Local/999@internal' } },
    });
    expect(failureWords(watcher)).toBe(
      'The PBX could not call your phone (Local/999@internal), or the number does not exist. Check "my device" in your profile and the number dialled.',
    );
  });

  it('says my phone was not answered in time for Reason 3', () => {
    const trace = readTrace('08-originate-failures');
    const watcher = new OriginateWatcher({
      actionId: 'rec-6',
      myDevice: 'Local/103@internal/n',
      target: '104',
      startedAt: 310,
      timeoutMs: 500,
    });
    drive(watcher, liveEvents(trace));
    expect(watcher.stage).toMatchObject({ code: 'reason3', said: { reason: 'yourPhoneNotAnswered' } });
    expect(failureWords(watcher)).toMatch(/not answered in time/);
  });

  it('gives up when no OriginateResponse arrives within the timeout and a grace period', () => {
    const watcher = new OriginateWatcher({
      actionId: 'x',
      myDevice: 'PJSIP/200',
      target: '100',
      startedAt: 0,
      timeoutMs: 1_000,
    });
    expect(watcher.tick(5_000)).toBeUndefined();
    expect(watcher.tick(6_000)).toMatchObject({ stage: 'failed', code: 'noResponse' });
    expect(failureWords(watcher)).toBe(
      'The PBX never said whether your phone answered. Check the call list before dialling again.',
    );
  });
});

describe('attended transfer watcher', () => {
  const trace = readTrace('11-atxfer');

  it('notices that an acknowledged Atxfer did nothing and says how to enable transfers', () => {
    const model = feed(liveEvents(trace, 3342), '9.0.0');
    const mine = channelByName(model, 'Local/103@phones-00000025;1');
    const peer = channelByName(model, 'Local/104@phones-00000026;1');
    expect(mine && peer).toBeTruthy();
    const watcher = new AtxferWatcher({
      transfererUid: mine!.uid,
      peerUids: [peer!.uid],
      origBridgeId: mine!.bridgeId,
      startedAt: 3342,
    });
    drive(watcher, liveEvents(trace, 12_348, 3342), 6_400);
    expect(watcher.stage).toMatchObject({
      stage: 'failed',
      code: 'noTransferFeature',
      said: { reason: 'noTransferFeature', values: {} },
    });
    expect(failureWords(watcher)).toMatch(/without the transfer feature for you.*Dial\(\.\.\.,tT\)/);
  });

  it('reports consulting on hold, then transferred when the PBX completes it', () => {
    const model = feed(liveEvents(trace, 16_386), '9.0.0');
    const mine = channelByName(model, 'Local/103@internal-00000027;1');
    const watcher = new AtxferWatcher({
      transfererUid: mine!.uid,
      peerUids: [],
      origBridgeId: mine!.bridgeId,
      startedAt: 16_386,
    });
    expect(drive(watcher, liveEvents(trace, Infinity, 16_386))).toEqual(['consulting', 'transferred']);
  });
});

describe('attended transfer watcher without bridge ids (Asterisk 11)', () => {
  it('reports returned when my channel links with the waiting caller again after consulting', () => {
    const me = { uid: 'u-me', name: 'SIP/100-00000001' };
    const caller = { uid: 'u-caller', name: 'SIP/105-00000000' };
    const target = { uid: 'u-target', name: 'SIP/107-00000002' };
    const watcher = new AtxferWatcher({
      transfererUid: me.uid,
      peerUids: [caller.uid],
      origBridgeId: undefined,
      startedAt: 0,
    });
    const events: PbxEvent[] = [
      { kind: 'hold', uid: me.uid, onHold: true },
      { kind: 'link', a: me, b: target },
      { kind: 'unlink', aUid: me.uid, bUid: target.uid },
      { kind: 'link', a: caller, b: me },
    ];
    const stages = events.map((event) => watcher.observe(event, 1)?.stage);
    expect(stages).toEqual(['consulting', undefined, undefined, 'returned']);
    expect(watcher.done).toBe(true);
  });
});

describe('blind transfer watcher', () => {
  const me = { uid: 'u-me', name: 'PJSIP/100-00000001' };
  const caller = { uid: 'u-caller', name: 'PJSIP/trunk-00000000' };
  const target = { uid: 'u-target', name: 'PJSIP/101-00000002' };
  const watcherFor = () =>
    new BlindTransferWatcher({
      movedUid: caller.uid,
      moved: { shown: '0301234567' },
      target: '101',
      isMine: (name) => name.startsWith('PJSIP/100-'),
      startedAt: 0,
    });
  const stagesOf = (watcher: BlindTransferWatcher, events: PbxEvent[]) =>
    events.map((event) => watcher.observe(event, 1)?.stage);
  /** The target was dialled for the caller and the dial ended with `status`; then these events. */
  const dialledThen = (status: string, ...then: PbxEvent[]) => {
    const watcher = watcherFor();
    stagesOf(watcher, [
      { kind: 'dialBegin', caller, dest: target },
      { kind: 'dialEnd', callerUid: caller.uid, destUid: target.uid, status },
      ...then,
    ]);
    return watcher;
  };

  it('follows the traced transferee: ringing at 107, then transferred when 107 answers', () => {
    const trace = readTrace('10-blindtransfer');
    const model = feed(liveEvents(trace, 3332), '9.0.0');
    const transferee = channelByName(model, 'Local/104@phones-0000001f;1');
    const watcher = new BlindTransferWatcher({
      movedUid: transferee!.uid,
      moved: { shown: '104' },
      target: '107',
      isMine: (name) => name.startsWith('Local/103@'),
      startedAt: 3332,
    });
    expect(drive(watcher, liveEvents(trace, 5852, 3332))).toEqual(['ringing', 'transferred']);
  });

  it('says the caller hung up before the transfer when their channel ends before any ringing', () => {
    const watcher = watcherFor();
    expect(stagesOf(watcher, [{ kind: 'hangup', uid: caller.uid, name: caller.name }])).toEqual(['failed']);
    expect(watcher.stage).toMatchObject({
      code: 'hungUp',
      said: { reason: 'hungUpBeforeTransfer', values: { moved: { shown: '0301234567' } } },
    });
    expect(failureWords(watcher)).toBe('The transfer did not happen: 0301234567 hung up first.');
  });

  it('says the target did not answer and the caller is back with me when the PBX bridges us again', () => {
    const watcher = watcherFor();
    const events: PbxEvent[] = [
      { kind: 'dialBegin', caller, dest: target },
      { kind: 'dialEnd', callerUid: caller.uid, destUid: target.uid, status: 'NOANSWER' },
      { kind: 'bridgeEnter', bridgeId: 'b2', holding: false, channel: me },
      { kind: 'bridgeEnter', bridgeId: 'b2', holding: false, channel: caller },
    ];
    expect(stagesOf(watcher, events)).toEqual(['ringing', undefined, undefined, 'failed']);
    expect(watcher.stage).toMatchObject({
      code: 'returned',
      said: { reason: 'backWithYou', values: { target: '101', how: 'noAnswer', moved: { shown: '0301234567' } } },
    });
    expect(failureWords(watcher)).toBe('101 did not answer; 0301234567 is back with you.');
  });

  it('says the target did not answer and the PBX ended the call when the caller is hung up after the dial', () => {
    const watcher = dialledThen('NOANSWER', { kind: 'hangup', uid: caller.uid, name: caller.name });
    expect(watcher.stage).toMatchObject({ code: 'notAnswered', said: { reason: 'endedAfterUnanswered' } });
    expect(failureWords(watcher)).toBe('101 did not answer; the PBX then ended the call with 0301234567.');
  });

  it('says the caller hung up while the target rang when the dial ends cancelled by their hangup', () => {
    const watcher = dialledThen('CANCEL', { kind: 'hangup', uid: caller.uid, name: caller.name });
    expect(watcher.stage).toMatchObject({ code: 'hungUp', said: { reason: 'hungUpWhileRinging' } });
    expect(failureWords(watcher)).toBe('101 was still ringing when 0301234567 hung up.');
  });

  it('never says transferred without evidence: no ringing within the window is reported as unconfirmed', () => {
    const watcher = watcherFor();
    expect(watcher.tick(4_999)).toBeUndefined();
    expect(watcher.tick(5_000)).toMatchObject({ stage: 'failed', code: 'noEvidence' });
    expect(failureWords(watcher)).toBe(
      'The PBX took the transfer, but it showed no ringing at 101 for 0301234567. Check the call list.',
    );
  });

  it('says a busy target was busy and names a caller the PBX gave no number for as the caller, in words', () => {
    const watcher = new BlindTransferWatcher({
      movedUid: caller.uid,
      moved: 'caller',
      target: '101',
      isMine: (name) => name.startsWith('PJSIP/100-'),
      startedAt: 0,
    });
    stagesOf(watcher, [
      { kind: 'dialBegin', caller, dest: target },
      { kind: 'dialEnd', callerUid: caller.uid, destUid: target.uid, status: 'BUSY' },
      { kind: 'dialBegin', caller, dest: me },
    ]);
    expect(watcher.stage).toMatchObject({
      code: 'returned',
      said: { reason: 'ringingBackAtYou', values: { target: '101', how: 'busy', moved: 'caller' } },
    });
    expect(failureWords(watcher)).toBe('101 was busy; the caller is ringing back at your phone.');
  });

  it('says the target did not answer once the aftermath passes with the caller nowhere to be seen', () => {
    const watcher = dialledThen('CHANUNAVAIL');
    expect(watcher.tick(2_999)).toBeUndefined();
    expect(watcher.tick(3_001)).toMatchObject({ code: 'notAnswered', said: { reason: 'transferUnanswered' } });
    expect(failureWords(watcher)).toBe('101 could not be reached.');
  });
});
