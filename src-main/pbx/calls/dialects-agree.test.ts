import { describe, expect, it } from 'vitest';
import { AmiMessage } from '../../ami/message';
import { feed, shapeOf } from '../testing/feed';
import { ExtensionMatcher } from './device-match';

/**
 * The same scenario written as Asterisk 11 and as Asterisk 13+ would report it:
 * 101 (Alice) calls 102, 102 answers, 102 is parked on 701 by 101 (who then hangs up),
 * 100 picks the parked call up. Both must give the same console picture at each step.
 */
const board = (tech: string) =>
  new ExtensionMatcher(
    ['100', '101', '102'].map((exten) => ({ id: `${exten}@internal`, exten, hint: `${tech}/${exten}` })),
  );

const m = AmiMessage.of;
const chan13 = (
  name: string,
  uid: string,
  state: number,
  num: string,
  extra: Record<string, string | number> = {},
) => ({
  Channel: name,
  ChannelState: state,
  CallerIDNum: num,
  CallerIDName: num === '101' ? 'Alice' : '<unknown>',
  ConnectedLineNum: '<unknown>',
  ConnectedLineName: '<unknown>',
  Uniqueid: uid,
  Linkedid: '1000.1',
  ...extra,
});

const A13 = 'PJSIP/101-00000001';
const B13 = 'PJSIP/102-00000002';
const C13 = 'PJSIP/100-00000003';
const PARKING = { BridgeUniqueid: 'lot', BridgeType: 'parking', BridgeTechnology: 'holding_bridge' };
const BASIC = (id: string) => ({ BridgeUniqueid: id, BridgeType: 'basic', BridgeTechnology: 'simple_bridge' });

const asterisk13 = {
  answered: [
    m({ Event: 'Newchannel', ...chan13(A13, '1000.1', 4, '101') }),
    m({ Event: 'Newchannel', ...chan13(B13, '1000.2', 0, '102') }),
    m({
      Event: 'DialBegin',
      ...chan13(A13, '1000.1', 4, '101'),
      DestChannel: B13,
      DestChannelState: 0,
      DestCallerIDNum: '102',
      DestUniqueid: '1000.2',
      DialString: '102',
    }),
    m({ Event: 'Newstate', ...chan13(B13, '1000.2', 5, '102') }),
    m({ Event: 'Newstate', ...chan13(B13, '1000.2', 6, '102') }),
    m({
      Event: 'DialEnd',
      ...chan13(A13, '1000.1', 4, '101'),
      DestChannel: B13,
      DestUniqueid: '1000.2',
      DialStatus: 'ANSWER',
    }),
    m({ Event: 'Newstate', ...chan13(A13, '1000.1', 6, '101') }),
    m({ Event: 'BridgeCreate', ...BASIC('b1') }),
    m({ Event: 'BridgeEnter', ...BASIC('b1'), ...chan13(A13, '1000.1', 6, '101') }),
    m({ Event: 'BridgeEnter', ...BASIC('b1'), ...chan13(B13, '1000.2', 6, '102') }),
  ],
  parked: [
    m({ Event: 'BridgeLeave', ...BASIC('b1'), ...chan13(B13, '1000.2', 6, '102') }),
    m({
      Event: 'ParkedCall',
      ParkeeChannel: B13,
      ParkeeChannelState: 6,
      ParkeeCallerIDNum: '102',
      ParkeeCallerIDName: '<unknown>',
      ParkeeUniqueid: '1000.2',
      ParkerDialString: 'PJSIP/101',
      Parkinglot: 'default',
      ParkingSpace: '701',
      ParkingTimeout: 45,
      ParkingDuration: 0,
    }),
    m({ Event: 'BridgeEnter', ...PARKING, ...chan13(B13, '1000.2', 6, '102') }),
    m({ Event: 'BridgeLeave', ...BASIC('b1'), ...chan13(A13, '1000.1', 6, '101') }),
    m({ Event: 'Hangup', ...chan13(A13, '1000.1', 6, '101'), Cause: 16 }),
    m({ Event: 'BridgeDestroy', ...BASIC('b1') }),
  ],
  pickedUp: [
    m({ Event: 'Newchannel', ...chan13(C13, '1000.3', 4, '100', { Linkedid: '1000.3' }) }),
    m({
      Event: 'UnParkedCall',
      ParkeeChannel: B13,
      ParkeeUniqueid: '1000.2',
      RetrieverChannel: C13,
      RetrieverUniqueid: '1000.3',
      Parkinglot: 'default',
      ParkingSpace: '701',
    }),
    m({ Event: 'BridgeLeave', ...PARKING, ...chan13(B13, '1000.2', 6, '102') }),
    m({ Event: 'Newstate', ...chan13(C13, '1000.3', 6, '100', { Linkedid: '1000.3' }) }),
    m({ Event: 'BridgeCreate', ...BASIC('b2') }),
    m({ Event: 'BridgeEnter', ...BASIC('b2'), ...chan13(B13, '1000.2', 6, '102') }),
    m({ Event: 'BridgeEnter', ...BASIC('b2'), ...chan13(C13, '1000.3', 6, '100', { Linkedid: '1000.3' }) }),
  ],
};

const A11 = 'SIP/101-00000001';
const B11 = 'SIP/102-00000002';
const C11 = 'SIP/100-00000003';
const chan11 = (name: string, uid: string, state: number, num: string) => ({
  Channel: name,
  ChannelState: state,
  ChannelStateDesc: ['Down', 'Rsrvd', 'OffHook', 'Dialing', 'Ring', 'Ringing', 'Up'][state] ?? 'Unknown',
  CallerIDNum: num,
  CallerIDName: num === '101' ? 'Alice' : '',
  Uniqueid: uid,
});

const asterisk11 = {
  answered: [
    m({ Event: 'Newchannel', ...chan11(A11, '1000.1', 4, '101') }),
    m({ Event: 'Newchannel', ...chan11(B11, '1000.2', 0, '102') }),
    m({
      Event: 'Dial',
      SubEvent: 'Begin',
      Channel: A11,
      Destination: B11,
      CallerIDNum: '101',
      CallerIDName: 'Alice',
      UniqueID: '1000.1',
      DestUniqueID: '1000.2',
      Dialstring: '102',
    }),
    m({ Event: 'Newstate', ...chan11(B11, '1000.2', 5, '102') }),
    m({ Event: 'Newstate', ...chan11(B11, '1000.2', 6, '102') }),
    m({ Event: 'Dial', SubEvent: 'End', Channel: A11, UniqueID: '1000.1', DialStatus: 'ANSWER' }),
    m({ Event: 'Newstate', ...chan11(A11, '1000.1', 6, '101') }),
    m({
      Event: 'Bridge',
      Bridgestate: 'Link',
      Bridgetype: 'core',
      Channel1: A11,
      Channel2: B11,
      Uniqueid1: '1000.1',
      Uniqueid2: '1000.2',
      CallerID1: '101',
      CallerID2: '102',
    }),
  ],
  parked: [
    m({
      Event: 'Bridge',
      Bridgestate: 'Unlink',
      Channel1: A11,
      Channel2: B11,
      Uniqueid1: '1000.1',
      Uniqueid2: '1000.2',
    }),
    m({
      Event: 'ParkedCall',
      Exten: '701',
      Channel: B11,
      Parkinglot: 'default',
      From: A11,
      Timeout: 45,
      CallerIDNum: '102',
      CallerIDName: '',
      Uniqueid: '1000.2',
    }),
    m({ Event: 'Hangup', Channel: A11, Uniqueid: '1000.1', Cause: 16 }),
  ],
  pickedUp: [
    m({ Event: 'Newchannel', ...chan11(C11, '1000.3', 4, '100') }),
    m({ Event: 'UnParkedCall', Exten: '701', Channel: B11, Parkinglot: 'default', From: C11, Uniqueid: '1000.2' }),
    m({ Event: 'Newstate', ...chan11(C11, '1000.3', 6, '100') }),
    m({ Event: 'Bridge', Bridgestate: 'Link', Channel1: C11, Channel2: B11, Uniqueid1: '1000.3', Uniqueid2: '1000.2' }),
  ],
};

describe('Asterisk 11 and Asterisk 13+ give the same console picture', () => {
  const steps = ['answered', 'parked', 'pickedUp'] as const;
  steps.forEach((step, index) => {
    it(`after "${step}"`, () => {
      const upTo = (fixture: typeof asterisk13) => steps.slice(0, index + 1).flatMap((name) => fixture[name]);
      const legacy = shapeOf(feed(upTo(asterisk11), '1.3'), board('SIP'));
      const modern = shapeOf(feed(upTo(asterisk13), '9.0.0'), board('PJSIP'));
      expect(legacy).toEqual(modern);
      expect(legacy.calls.length).toBeGreaterThan(0);
    });
  });

  it('shows the parked call in slot 701, parked by 101, on both', () => {
    const upTo = (fixture: typeof asterisk13) => [...fixture.answered, ...fixture.parked];
    const legacy = shapeOf(feed(upTo(asterisk11), '1.3'), board('SIP'));
    expect(legacy.parked).toEqual([{ slot: '701', lot: 'default', parkee: '102', parkedBy: '101', hasCall: true }]);
    expect(legacy.calls).toEqual([
      {
        state: 'parked',
        direction: 'internal',
        answered: true,
        parties: [{ extensionId: '102@internal', number: '102', state: 'parked', recording: 'none' }],
      },
    ]);
  });
});
