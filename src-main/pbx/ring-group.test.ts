import { afterEach, describe, expect, it } from 'vitest';
import type { LiveCall } from '../../src-preload/state';
import { sessionOnSim, until } from './testing/sim-session';

/**
 * A ring group as main publishes it: the caller's one call carries every phone rung for it, each
 * ringing (the card's "Ringing 105 …, 106 …" line is drawn from these parties), until one answers.
 */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const callOf = (calls: readonly LiveCall[], number: string) =>
  calls.find((call) => call.parties.some((party) => party.number === number));
const rungOn = (call: LiveCall | undefined) =>
  (call?.parties ?? []).filter((party) => party.state === 'ringing').map((party) => party.extensionId);

describe('a ring group in the picture main publishes', () => {
  it('103 calling 650: one call rings 105 and 106 together while 103 dials; once 105 answers only 105 is on it, talking', async () => {
    const sim = await sessionOnSim({ flavour: 'freepbx', answerDelayMs: 3_000 });
    cleanups.push(sim.close);
    sim.pbx.telephony.noAnswer.add(sim.pbx.model.deviceOf('106'));
    await sim.pbx.placeCall('103', '650');

    await until(() => rungOn(callOf(sim.store.values('calls'), '103')).length === 2);
    const calls = sim.store.values('calls');
    expect(calls.filter((call) => call.parties.some((party) => party.number === '103'))).toHaveLength(1);
    const ringing = callOf(calls, '103')!;
    expect(rungOn(ringing).sort()).toEqual(['105@internal', '106@internal']);
    expect(ringing.parties.find((party) => party.number === '103')).toMatchObject({
      extensionId: '103@internal',
      state: 'dialing',
    });

    await until(() => rungOn(callOf(sim.store.values('calls'), '103')).length === 0, 10_000);
    const answered = callOf(sim.store.values('calls'), '103')!;
    expect(answered.id).toBe(ringing.id);
    expect(answered.parties.map((party) => [party.extensionId, party.state]).sort()).toEqual([
      ['103@internal', 'up'],
      ['105@internal', 'up'],
    ]);
  }, 20_000);
});
