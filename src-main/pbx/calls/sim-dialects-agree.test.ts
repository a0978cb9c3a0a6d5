import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedPbx, type SimDialect, type SimulatedPbx } from '../../sim';
import { RawAmiClient } from '../../sim/testing/test-client';
import { feed, shapeOf } from '../testing/feed';
import { ExtensionMatcher } from './device-match';

/**
 * The same scenario driven on the simulator speaking Asterisk 11 and Asterisk 22, its live events
 * fed through each dialect's adapter into the reducer: the console must see the same calls.
 * 101 calls 102 and they talk; 102 is parked by 101 (who is then hung up); 100 picks the call up.
 */
const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const STEPS = ['answered', 'parked', 'pickedUp'] as const;
type Step = (typeof STEPS)[number];

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Runs the scenario; returns, per step, the events the console had received by then. */
async function drive(dialect: SimDialect) {
  const pbx: SimulatedPbx = await startSimulatedPbx({ dialect, port: 0, answerDelayMs: 40, parkingTimeoutMs: 60_000 });
  cleanups.push(() => pbx.close());
  const client = await RawAmiClient.connect(pbx.port);
  cleanups.push(() => client.close());
  await client.bannerReceived;
  await client.login();
  const live = () => client.events.filter((event) => event.actionId === undefined);
  const onDevice = (exten: string) => pbx.model.channelsOnDevice(`${pbx.model.tech}/${exten}`);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
  const seen = {} as Record<Step, ReturnType<typeof live>>;

  await pbx.placeCall('101', '102');
  await until(
    () => onDevice('101')[0]?.bridgeId !== undefined && onDevice('102')[0]?.bridgeId === onDevice('101')[0]?.bridgeId,
  );
  await settle();
  seen.answered = live();

  pbx.telephony.park(onDevice('102')[0]!, onDevice('101')[0], 60_000);
  await until(() => onDevice('101').length === 0 && pbx.model.parked.size === 1);
  await settle();
  seen.parked = live();

  await pbx.placeCall('100', '701');
  await until(() => pbx.model.parked.size === 0 && onDevice('100')[0]?.bridgeId !== undefined);
  await settle();
  seen.pickedUp = live();

  const matcher = new ExtensionMatcher(
    [...pbx.model.hints.values()].map((hint) => ({
      id: `${hint.exten}@${hint.context}`,
      exten: hint.exten,
      hint: hint.device,
    })),
  );
  const amiVersion = dialect === 'asterisk-11' ? '1.3' : '11.0.0';
  return (step: Step) => shapeOf(feed(seen[step], amiVersion), matcher);
}

describe('the simulator in Asterisk 11 and Asterisk 22 dialects gives the same console model', () => {
  it('at every step of call, park and pickup', async () => {
    const legacy = await drive('asterisk-11');
    const modern = await drive('asterisk-22');
    for (const step of STEPS) expect({ step, ...legacy(step) }).toEqual({ step, ...modern(step) });

    expect(modern('answered').calls).toEqual([
      {
        state: 'up',
        direction: 'internal',
        answered: true,
        parties: [
          { extensionId: '101@internal', number: '101', state: 'up', recording: 'none' },
          { extensionId: '102@internal', number: '102', state: 'up', recording: 'none' },
        ],
      },
    ]);
    expect(modern('parked').parked).toEqual([
      { slot: '701', lot: 'default', parkee: '102', parkedBy: '101', hasCall: true },
    ]);
    expect(modern('pickedUp').parked).toEqual([]);
    expect(modern('pickedUp').calls.map((call) => call.parties.map((party) => party.number).sort())).toEqual([
      ['100', '102'],
    ]);
  });
});
