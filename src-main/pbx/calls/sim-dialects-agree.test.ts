import { afterEach, describe, expect, it } from 'vitest';
import { ProfileDraftSchema, type UserProfile } from '../../../src-shared/profile';
import { AmiClient } from '../../ami/client';
import { clientOptionsFor, openSession } from '../../session/login';
import { startSimulatedPbx, type SimDialect, type SimFlavour, type SimulatedPbx } from '../../sim';
import { PictureStore } from '../picture-store';

/**
 * The same scenario driven on the simulator speaking Asterisk 11 and Asterisk 22, and on the PBXs
 * whose phones sit behind Local channels, each watched by the console as the app builds it
 * (openSession with a default profile over real TCP): the console must see the same calls.
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

/** The console's picture without ids and times. */
function shapeOf(store: PictureStore) {
  const calls = store
    .values('calls')
    .map((call) => ({
      state: call.state,
      direction: call.direction,
      answered: call.answeredAt !== undefined,
      parties: call.parties.map(({ extensionId, number, state, recording }) => ({
        extensionId,
        number,
        state,
        recording,
      })),
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const parked = store.values('parked').map(({ slot, lot, parkee, parkedBy, callId }) => ({
    slot,
    lot,
    parkee: parkee.number,
    parkedBy: parkedBy.number,
    hasCall: callId !== undefined,
  }));
  return { calls, parked };
}

/** Runs the scenario; returns the console's picture at each step. */
async function drive(dialect: SimDialect, flavour: SimFlavour = 'demo') {
  const pbx: SimulatedPbx = await startSimulatedPbx({
    dialect,
    flavour,
    port: 0,
    answerDelayMs: 40,
    parkingTimeoutMs: 60_000,
  });
  cleanups.push(() => pbx.close());
  const profile: UserProfile = {
    kind: 'user',
    id: '0b7e5c1a-3f2d-4e6a-8b9c-1d2e3f4a5b6c',
    ...ProfileDraftSchema.parse({ displayName: 'Sim', host: pbx.host, port: pbx.port, username: 'demo' }),
  };
  const store = new PictureStore();
  const session = openSession(profile, new AmiClient(clientOptionsFor(profile, 'demo')), {
    identity: { target: 'sim', profileId: profile.id },
    username: profile.username,
    store,
    onProgress: () => {},
    onCallRecord: () => {},
  });
  session.start();
  cleanups.push(() => session.stop());
  await until(() => session.status.kind === 'connected');
  const onDevice = (exten: string) => pbx.model.channelsOnDevice(pbx.model.deviceOf(exten));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
  const seen = {} as Record<Step, ReturnType<typeof shapeOf>>;

  await pbx.placeCall('101', '102');
  await until(
    () => onDevice('101')[0]?.bridgeId !== undefined && onDevice('102')[0]?.bridgeId === onDevice('101')[0]?.bridgeId,
  );
  await settle();
  seen.answered = shapeOf(store);

  pbx.telephony.park(onDevice('102')[0]!, onDevice('101')[0], 60_000);
  await until(() => onDevice('101').length === 0 && pbx.model.parked.size === 1);
  await settle();
  seen.parked = shapeOf(store);

  await pbx.placeCall('100', '701');
  await until(() => pbx.model.parked.size === 0 && onDevice('100')[0]?.bridgeId !== undefined);
  await settle();
  seen.pickedUp = shapeOf(store);
  return (step: Step) => seen[step];
}

describe('the console sees the same calls from every dialect and flavour of the simulator', () => {
  it('at every step of call, park and pickup: Asterisk 11, Asterisk 22, handsets as Local channels, FreePBX', async () => {
    const modern = await drive('asterisk-22');
    const others = {
      'asterisk-11': await drive('asterisk-11'),
      'local-handsets': await drive('asterisk-22', 'local-handsets'),
      freepbx: await drive('asterisk-22', 'freepbx'),
    };
    for (const [name, other] of Object.entries(others))
      for (const step of STEPS) expect({ name, step, ...other(step) }).toEqual({ name, step, ...modern(step) });

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
    expect(modern('parked').calls).toEqual([
      {
        state: 'parked',
        direction: 'internal',
        answered: true,
        parties: [{ extensionId: '102@internal', number: '102', state: 'parked', recording: 'none' }],
      },
    ]);
    expect(modern('pickedUp').parked).toEqual([]);
    expect(modern('pickedUp').calls.map((call) => call.parties.map((party) => party.number).sort())).toEqual([
      ['100', '102'],
    ]);
  });
});
