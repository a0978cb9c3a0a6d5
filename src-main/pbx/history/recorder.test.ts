import { describe, expect, it } from 'vitest';
import type { CallRecord, HistoryScope } from '../../../src-shared/call-history';
import { AmiMessage } from '../../ami/message';
import { eventAdapterFor } from '../calls/adapt';
import { ExtensionMatcher } from '../calls/device-match';
import { emptyModel, type PbxModel } from '../calls/model';
import { CallProjector, projectParked } from '../calls/projection';
import { reduceEvents } from '../calls/reducer';
import { dialectForAmiVersion } from '../dialect';
import { CallHistoryRecorder, callFactsOf } from './recorder';

/**
 * The recorder on its own: Asterisk 20 events (as the lab PBX writes them) through the console's
 * adapter, reducer and projection, each event a published moment at its own time.
 */
const matcher = new ExtensionMatcher([
  { id: '100@internal', exten: '100', hint: 'PJSIP/100', name: 'Reception' },
  { id: '102@internal', exten: '102', hint: 'PJSIP/102', name: 'Bob' },
]);
const adapt = eventAdapterFor(dialectForAmiVersion('9.0.0'));

function replay(events: Array<[t: number, fields: Record<string, string>]>, scope: HistoryScope = 'board') {
  const records: CallRecord[] = [];
  const recorder = new CallHistoryRecorder({ scope, onRecord: (record) => records.push(record) });
  let model: PbxModel = emptyModel('t.');
  for (const [t, fields] of events) {
    model = reduceEvents(model, adapt(AmiMessage.of(fields)), t);
    recorder.observe({
      now: t,
      calls: new CallProjector().project(model, matcher),
      parked: projectParked(model, matcher),
      myExtensionId: '100@internal',
      facts: callFactsOf(model),
    });
  }
  return { records, recorder };
}

const trunk = (state: string) => ({
  Channel: 'PJSIP/trunk-00000001',
  Uniqueid: 'pbx-1.1',
  Linkedid: 'pbx-1.1',
  ChannelState: state,
  CallerIDNum: '+33612345678',
  CallerIDName: '=HYPERLINK("x")',
});
const bob = (state: string) => ({
  Channel: 'PJSIP/102-00000002',
  Uniqueid: 'pbx-1.2',
  Linkedid: 'pbx-1.1',
  ChannelState: state,
  CallerIDNum: '102',
  CallerIDName: 'Bob',
});
const prefixed = (prefix: string, fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).map(([name, value]) => [`${prefix}${name}`, value]));

/** An outside caller rings Bob at 102 from t=1000 to 5000, then the dial gives up. */
const unansweredRing: Array<[number, Record<string, string>]> = [
  [1000, { Event: 'Newchannel', ...trunk('4') }],
  [1000, { Event: 'Newchannel', ...bob('0') }],
  [1000, { Event: 'DialBegin', ...trunk('4'), ...prefixed('Dest', bob('5')) }],
  [5000, { Event: 'DialEnd', ...trunk('4'), ...prefixed('Dest', bob('5')), DialStatus: 'NOANSWER' }],
  [5000, { Event: 'Hangup', ...bob('5'), Cause: '19' }],
];

describe('the call history recorder', () => {
  it('a caller who rang Bob and then left a message is sent to voicemail, with a wait and no talk time', () => {
    const { records } = replay([
      ...unansweredRing,
      [5001, { Event: 'Newstate', ...trunk('6') }],
      [5002, { Event: 'Newexten', ...trunk('6'), Application: 'VoiceMail', AppData: '102@default,u' }],
      [20_000, { Event: 'Hangup', ...trunk('6'), Cause: '16' }],
    ]);
    expect(records).toEqual([
      expect.objectContaining({
        direction: 'in',
        from: { number: '+33612345678', name: '=HYPERLINK("x")', extensionId: undefined },
        to: { number: '102', name: 'Bob', extensionId: '102@internal' },
        startedAt: 1000,
        endedAt: 20_000,
        waitMs: 19_000,
        talkMs: 0,
        outcome: { kind: 'voicemail', mailbox: '102@default' },
      }),
    ]);
  });

  it('a caller who gave up while Bob rang is a missed call; only calls of mine are kept when so set', () => {
    const ring = [...unansweredRing, [5001, { Event: 'Hangup', ...trunk('4'), Cause: '16' }]] as typeof unansweredRing;
    expect(replay(ring).records.map((record) => [record.outcome.kind, record.waitMs])).toEqual([['missed', 4001]]);
    expect(replay(ring, 'mine').records).toEqual([]);
  });

  it('an answered call has its wait until the answer and its talk time until the hang-up', () => {
    const { records } = replay([
      [1000, { Event: 'Newchannel', ...trunk('4') }],
      [1000, { Event: 'DialBegin', ...trunk('4'), ...prefixed('Dest', bob('5')) }],
      [3000, { Event: 'Newstate', ...bob('6') }],
      [3000, { Event: 'Newstate', ...trunk('6') }],
      [3000, { Event: 'DialEnd', ...trunk('6'), ...prefixed('Dest', bob('6')), DialStatus: 'ANSWER' }],
      [3001, { Event: 'BridgeEnter', ...trunk('6'), BridgeUniqueid: 'b1', BridgeTechnology: 'simple_bridge' }],
      [3001, { Event: 'BridgeEnter', ...bob('6'), BridgeUniqueid: 'b1', BridgeTechnology: 'simple_bridge' }],
      [9000, { Event: 'Hangup', ...bob('6'), Cause: '16' }],
      [9000, { Event: 'Hangup', ...trunk('6'), Cause: '16' }],
    ]);
    expect(records.map(({ outcome, waitMs, talkMs }) => ({ outcome, waitMs, talkMs }))).toEqual([
      { outcome: { kind: 'answered' }, waitMs: 2000, talkMs: 6000 },
    ]);
  });

  it('calls still on the board when the link drops are recorded as they stood', () => {
    const { records, recorder } = replay(unansweredRing.slice(0, 3));
    expect(records).toEqual([]);
    recorder.finishAll(2500);
    expect(records.map((record) => [record.outcome.kind, record.endedAt])).toEqual([['missed', 2500]]);
  });
});
