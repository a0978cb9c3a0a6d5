import { describe, expect, it } from 'vitest';
import { dialectForAmiVersion } from '../dialect';
import { feed, shapeOf } from '../testing/feed';
import { labMatcher } from '../testing/lab';
import { listItems, liveEvents, readTrace } from '../testing/traces';
import { projectCalls, projectParked } from './projection';
import { assembleModel } from './rebuild';

const AMI_20 = '9.0.0';
const matcher = labMatcher();

describe('call model from real Asterisk 20 traces', () => {
  const originate = readTrace('07-originate-bridge');

  it('shows an answered originate 101 → 102 as one internal call between the two handsets', () => {
    const model = feed(liveEvents(originate, 5314), AMI_20);
    const calls = projectCalls(model, matcher);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.state).toBe('up');
    expect(call?.direction).toBe('internal');
    expect(call?.parties.map((party) => party.extensionId)).toEqual(['101@internal', '102@internal']);
    // 102 answered at ~2308 ms in the trace: the call counts as answered from then.
    expect(call?.answeredAt).toBe(2308);
    expect(call?.startedAt).toBe(304);
  });

  it("keeps one call id for 101's call from the first ring to the end, and drops it after the hangups", () => {
    const events = liveEvents(originate);
    const ids = new Set<string>();
    let model = feed([], AMI_20);
    for (const entry of events) {
      model = feed([entry], AMI_20, model);
      for (const call of projectCalls(model, matcher)) {
        if (call.parties.some((party) => party.number === '101')) ids.add(call.id);
      }
    }
    expect(ids.size).toBe(1);
    expect(projectCalls(model, matcher)).toEqual([]);
  });

  it('shows the callee ringing before it answers', () => {
    const model = feed(liveEvents(originate, 2000), AMI_20);
    const [call] = projectCalls(model, matcher);
    expect(call?.state).toBe('ringing');
    expect(call?.parties.find((party) => party.number === '102')?.state).toBe('ringing');
  });

  it('rebuilds the same picture from CoreShowChannels and BridgeList alone', () => {
    const live = feed(liveEvents(originate, 5314), AMI_20);
    const listing = { channels: listItems(originate, 'rec-3'), bridges: listItems(originate, 'rec-5'), parked: [] };
    const rebuilt = assembleModel(listing, dialectForAmiVersion(AMI_20), 'r', 5315);
    expect(shapeOf(rebuilt, matcher)).toEqual(shapeOf(live, matcher));
  });

  it('follows park and pickup: slot 701 holds 102 parked by 101, then 100 talks to 102', () => {
    const trace = readTrace('12-park-pickup');
    const parkedModel = feed(liveEvents(trace, 5339), AMI_20);
    const [parked] = projectParked(parkedModel, matcher);
    expect(parked).toMatchObject({
      slot: '701',
      lot: 'default',
      parkee: { number: '102' },
      parkedBy: { number: '101' },
    });
    expect(parked?.timeoutAt).toBe(3336 + 45_000);
    const parkedCall = projectCalls(parkedModel, matcher).find((call) => call.id === parked?.callId);
    expect(parkedCall?.state).toBe('parked');

    const after = feed(liveEvents(trace, 8851), AMI_20);
    expect(projectParked(after, matcher)).toEqual([]);
    const calls = projectCalls(after, matcher);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.parties.map((party) => party.number)).toEqual(['102', '100']);
    expect(calls[0]?.state).toBe('up');
  });

  it('rebuilds the parking lot from ParkedCalls with the countdown the PBX reports', () => {
    const trace = readTrace('12-park-pickup');
    const listing = { channels: listItems(trace, 'rec-7'), bridges: [], parked: listItems(trace, 'rec-5') };
    const model = assembleModel(listing, dialectForAmiVersion(AMI_20), 'r', 10_000);
    const [parked] = projectParked(model, matcher);
    expect(parked).toMatchObject({
      slot: '701',
      parkee: { number: '102' },
      parkedBy: { number: '101' },
      parkedAt: 8_000,
      timeoutAt: 53_000,
    });
    expect(parked?.callId).toBeDefined();
  });

  it('empties the slot when the parked call times out', () => {
    const trace = readTrace('13-park-timeout');
    expect(projectParked(feed(liveEvents(trace, 11_000), AMI_20), matcher)).toHaveLength(1);
    expect(projectParked(feed(liveEvents(trace, 11_400), AMI_20), matcher)).toEqual([]);
  });

  it('badges the recorded party from MixMonitor events: recording, paused, resumed, stopped', () => {
    const trace = readTrace('14-mixmonitor');
    const badge = (until: number) =>
      projectCalls(feed(liveEvents(trace, until), AMI_20), matcher)[0]?.parties.find((party) => party.number === '102')
        ?.recording;
    expect(badge(3342)).toBe('none');
    expect(badge(3400)).toBe('recording');
    expect(badge(4400)).toBe('paused');
    expect(badge(5400)).toBe('recording');
    expect(badge(6400)).toBe('none');
  });

  it('splits a dual redirect into two calls: 104 with 105, 103 with 106', () => {
    const trace = readTrace('09-redirect');
    const model = feed(liveEvents(trace, 5859), AMI_20);
    const pairs = projectCalls(model, matcher)
      .map((call) =>
        call.parties
          .map((party) => party.number)
          .sort()
          .join('+'),
      )
      .sort();
    expect(pairs).toEqual(['103+106', '104+105']);
  });

  it('after a blind transfer 104 talks to 107 and the transferer 103 is gone', () => {
    const trace = readTrace('10-blindtransfer');
    const model = feed(liveEvents(trace, 5851), AMI_20);
    const calls = projectCalls(model, matcher);
    expect(calls.map((call) => call.parties.map((party) => party.number).sort())).toEqual([['104', '107']]);
  });
});
