import { afterEach, describe, expect, it } from 'vitest';
import type { CallRecord, HistoryScope } from '../../../src-shared/call-history';
import { sessionOnTrace } from '../testing/trace-session';
import { readTrace } from '../testing/traces';

/**
 * The real Asterisk 20 traces played to the console as the app builds it (openSession, a real AMI
 * client over loopback): what the call history records for each. The lab's handsets are Local
 * channels behind `Custom:1NN` hints, called `Local/1NN@internal` by the trace scripts.
 */
const sessions: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.close();
});

/** Plays the whole trace, one arrival time at a time, then ends the session: every call is then recorded. */
async function historyOf(trace: string, scope: HistoryScope = 'board', myDevice?: string): Promise<CallRecord[]> {
  const messages = readTrace(trace);
  const pbx = await sessionOnTrace(messages, {
    settings: { history: { scope, retentionDays: 30 }, ...(myDevice ? { myDevice, dialContext: 'internal' } : {}) },
  });
  sessions.push(pbx);
  for (const t of new Set(messages.map((message) => message.t))) await pbx.playUntil(t + 1);
  await pbx.close();
  return pbx.history;
}

const ext = (number: string) => ({ number, name: `Extension ${number}`, extensionId: `${number}@internal` });
const numbers = (record: CallRecord | undefined) => record?.parties.map((party) => party.number);

describe('the call history from the real PBX traces, the whole board', () => {
  it('07: 101 calls 102, who answers: one internal answered call with a wait and a talk time', async () => {
    const [call, ...more] = await historyOf('07-originate-bridge');
    expect(more).toEqual([]);
    expect(call).toMatchObject({ direction: 'internal', mine: false, from: ext('101'), to: ext('102') });
    expect(call?.outcome).toEqual({ kind: 'answered' });
    expect(call?.waitMs).toBeGreaterThan(0);
    expect(call?.talkMs).toBeGreaterThan(0);
    expect((call?.endedAt ?? 0) - (call?.startedAt ?? 0)).toBe((call?.waitMs ?? 0) + (call?.talkMs ?? 0));
  });

  it('08: a phone that rang and was never answered is a missed call with no talk time', async () => {
    const calls = await historyOf('08-originate-failures');
    expect(calls.map((call) => [call.from.number, call.outcome.kind, call.talkMs])).toEqual([['103', 'missed', 0]]);
  });

  it('10: a blind transfer from 103 is one call, transferred to 107', async () => {
    const [call, ...more] = await historyOf('10-blindtransfer');
    expect(more).toEqual([]);
    expect(numbers(call)).toEqual(['103', '104', '107']);
    expect(call?.to).toEqual(ext('104'));
    expect(call?.outcome).toEqual({ kind: 'transferred', to: ext('107') });
  });

  it('11: the attended transfer (second call) is transferred to 108; the first, whose *2 did nothing, answered', async () => {
    const calls = await historyOf('11-atxfer');
    expect(calls.map((call) => [numbers(call), call.outcome])).toEqual([
      [['103', '104'], { kind: 'answered' }],
      [['103', '104', '108'], { kind: 'transferred', to: ext('108') }],
    ]);
  });

  it('12: 101 parks 102 in 701 and 100 picks it up: parked, picked up by 100', async () => {
    const [call, ...more] = await historyOf('12-park-pickup');
    expect(more).toEqual([]);
    expect(call).toMatchObject({ from: ext('101'), to: ext('102') });
    expect(call?.outcome).toEqual({ kind: 'parked', slot: '701', pickedUpBy: ext('100') });
  });

  it('13: a parked call that times out rings 100, which answers: parked, taken by 100', async () => {
    const [call] = await historyOf('13-park-timeout');
    expect(call?.outcome).toEqual({ kind: 'parked', slot: '701', pickedUpBy: ext('100') });
  });

  it('16: a queue caller answered by the member 118 is answered, to 118', async () => {
    const [call, ...more] = await historyOf('16-queue');
    expect(more).toEqual([]);
    expect(call).toMatchObject({ from: ext('101'), to: ext('118'), outcome: { kind: 'answered' } });
  });

  it('23: the caller who hangs up waiting in the queue abandoned it; the one pulled out talked to 107', async () => {
    const calls = await historyOf('receptionist/23-queue-operations');
    expect(calls.map((call) => [call.from.number, call.to?.number, call.outcome])).toEqual(
      expect.arrayContaining([
        ['102', undefined, { kind: 'abandoned', queue: 'operator' }],
        ['101', '107', { kind: 'answered' }],
      ]),
    );
    expect(calls.find((call) => call.outcome.kind === 'abandoned')?.talkMs).toBe(0);
  });

  it('21: the operator listening in is a call of its own, answered by the PBX; the call listened to is 103 with 104', async () => {
    const calls = await historyOf('receptionist/21-chanspy');
    expect(calls.filter((call) => numbers(call)?.join() === '103,104')).toHaveLength(1);
    for (const call of calls.filter((one) => one.from.number === '100')) {
      expect([numbers(call), call.outcome.kind]).toEqual([['100'], 'answered']);
    }
  });
});

describe('the call history of my calls only (the default)', () => {
  it('07 at 101: my call out to 102', async () => {
    const [call, ...more] = await historyOf('07-originate-bridge', 'mine', 'Local/101@phones');
    expect(more).toEqual([]);
    expect(call).toMatchObject({ direction: 'out', mine: true, to: ext('102') });
  });

  it('07 at 102: a call in from 101', async () => {
    const [call] = await historyOf('07-originate-bridge', 'mine', 'Local/102@phones');
    expect(call).toMatchObject({ direction: 'in', mine: true, from: ext('101') });
  });

  it('07 at 105: nothing, as 105 was not on the call', async () => {
    expect(await historyOf('07-originate-bridge', 'mine', 'Local/105@phones')).toEqual([]);
  });

  it('12 at 100: the parked call I picked up is mine, though I was never rung for it', async () => {
    const [call] = await historyOf('12-park-pickup', 'mine', '100');
    expect(call).toMatchObject({ direction: 'in', mine: true, from: ext('101') });
  });
});
