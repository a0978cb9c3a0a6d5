import { afterEach, describe, expect, it } from 'vitest';
import type { CommandProgress, SessionStatus } from '../../src-preload/contract';
import type { LiveCall } from '../../src-preload/state';
import { AmiClient } from '../ami/client';
import { clientOptionsFor, openSession } from '../session/login';
import { ProfileDraftSchema, type UserProfile } from '../../src-shared/profile';
import { startSimulatedPbx, type SimulatedPbx, type SimulatedPbxOptions } from '../sim';
import type { CallDesk } from './call-desk';
import type { SessionOperator } from './operator';
import { PictureStore } from './picture-store';

const OPERATOR: SessionOperator = {
  myDevice: 'PJSIP/100',
  dialContext: 'internal',
  parkingLot: 'default',
  recordingPattern: '${exten}-${caller}',
  voicemailPattern: '*${exten}',
  dndMethod: 'auto',
  listenIn: true,
};
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function connected(pbxOptions: SimulatedPbxOptions = {}, operator: SessionOperator = OPERATOR) {
  const pbx = await startSimulatedPbx({ port: 0, answerDelayMs: 80, ...pbxOptions });
  cleanups.push(() => pbx.close());
  const store = new PictureStore();
  const progress: CommandProgress[] = [];
  const profile: UserProfile = {
    kind: 'user',
    id: '0b7e4c1a-5d2f-4e8a-9c3b-1f6d2a7e8b90',
    ...ProfileDraftSchema.parse({ displayName: 'Sim', host: pbx.host, port: pbx.port, username: 'demo' }),
    ...operator,
  };
  // The app's own wiring; only the back-off is shortened, as the app's tests do (clientDefaults).
  const link = new AmiClient({ reconnect: { baseMs: 50, capMs: 200 }, ...clientOptionsFor(profile, 'demo') });
  const session = openSession(profile, link, {
    identity: { target: 'sim', profileId: profile.id },
    username: 'demo',
    store,
    onProgress: (p) => progress.push(p),
    onCallRecord: () => undefined,
  });
  cleanups.push(() => session.stop());
  session.start();
  await until(() => session.status.kind === 'connected');
  return { pbx, store, session, progress, desk: session.desk };
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sent = (pbx: SimulatedPbx, action: string) =>
  pbx.actionsReceived.filter((received) => received.action.get('Action') === action).map((received) => received.action);
const callWith = (store: PictureStore, exten: string): LiveCall | undefined =>
  store.values('calls').find((call) => call.parties.some((party) => party.number === exten));
function commandIdOf(result: Awaited<ReturnType<CallDesk['dial']>>): string {
  if (!result.ok || result.value.kind !== 'watching')
    throw new Error(`the command was not accepted: ${JSON.stringify(result)}`);
  return result.value.commandId;
}
const stagesOf = (progress: readonly CommandProgress[], commandId: string) =>
  progress.filter((entry) => entry.commandId === commandId).map((entry) => entry.stage);

describe('the call desk against the simulated PBX', () => {
  it('dials from my phone, reports calling you → ringing → connected, and shows the call', async () => {
    const { pbx, store, desk, progress } = await connected();
    const commandId = commandIdOf(await desk.dial('102'));
    await until(() => stagesOf(progress, commandId).includes('connected'));
    expect(stagesOf(progress, commandId)).toEqual(['callingYou', 'ringing', 'connected']);
    const [originate] = sent(pbx, 'Originate');
    expect([
      originate?.get('Channel'),
      originate?.get('Context'),
      originate?.get('Exten'),
      originate?.get('Async'),
    ]).toEqual(['PJSIP/100', 'internal', '102', 'true']);
    expect(originate?.get('CallerID')).toBe('"Reception" <100>');
    await until(() => callWith(store, '102')?.state === 'up');
    expect(callWith(store, '102')?.parties.map((party) => party.extensionId)).toEqual(['100@internal', '102@internal']);
  });

  it('says in plain words that my phone could not be reached', async () => {
    const { pbx, desk, progress } = await connected();
    pbx.setDeviceState('PJSIP/100', 'UNAVAILABLE');
    commandIdOf(await desk.dial('102'));
    await until(() => progress.some((entry) => entry.stage === 'failed'));
    expect(progress.at(-1)).toMatchObject({
      stage: 'failed',
      code: 'reason8',
      said: { reason: 'yourPhoneUnreachable', values: { myDevice: 'PJSIP/100' } },
    });
  });

  it('refuses to dial without my device, naming the setting', async () => {
    const { desk, pbx } = await connected({}, { ...OPERATOR, myDevice: undefined });
    expect(await desk.dial('102')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/my device/) } });
    expect(sent(pbx, 'Originate')).toEqual([]);
  });

  it('parks a call back to me, lists it, and picks it up to my phone', async () => {
    const { pbx, store, desk } = await connected();
    await pbx.placeCall('105', '100');
    await until(() => callWith(store, '105')?.state === 'up');
    const call = callWith(store, '105');
    expect((await desk.park(call!.id, undefined)).ok).toBe(true);
    const [parkAction] = sent(pbx, 'Park');
    expect(parkAction?.get('Channel')).toMatch(/^PJSIP\/105-/);
    expect(parkAction?.get('TimeoutChannel')).toMatch(/^PJSIP\/100-/);
    await until(() => store.values('parked').length === 1);
    expect(store.values('parked')[0]).toMatchObject({
      slot: '701',
      parkee: { number: '105' },
      parkedBy: { number: '100' },
    });
    await until(() => pbx.model.channelsOnDevice('PJSIP/100').length === 0);
    expect((await desk.pickup('701')).ok).toBe(true);
    await until(() => store.values('parked').length === 0 && callWith(store, '105')?.state === 'up');
    expect(sent(pbx, 'Originate').at(-1)?.get('Exten')).toBe('701');
  });

  it('records with MixMonitor and shows the badge only when the PBX reports it', async () => {
    const { pbx, store, desk } = await connected();
    await pbx.placeCall('105', '106');
    await until(() => callWith(store, '105')?.state === 'up');
    const callId = callWith(store, '105')!.id;
    const badge = () =>
      callWith(store, '105')
        ?.parties.map((party) => party.recording)
        .find((state) => state !== 'none') ?? 'none';
    expect((await desk.record(callId, 'start')).ok).toBe(true);
    expect(sent(pbx, 'MixMonitor')[0]?.get('File')).toBe('106-105.wav');
    await until(() => badge() === 'recording');
    await desk.record(callId, 'pause');
    await until(() => badge() === 'paused');
    await desk.record(callId, 'stop');
    await until(() => badge() === 'none');
    expect(
      pbx.actionsReceived.map((received) => received.action.get('Action')).filter((name) => /Monitor/.test(name ?? '')),
    ).toEqual(['MixMonitor', 'MixMonitorMute', 'StopMixMonitor']);
  });

  it('notices an Atxfer the PBX acknowledged but never carried out', async () => {
    const { pbx, store, desk, progress } = await connected();
    await pbx.placeCall('105', '100');
    await until(() => callWith(store, '105')?.state === 'up');
    const receipt = await desk.transfer({ callId: callWith(store, '105')!.id, target: '107', mode: 'attended' });
    expect(receipt.ok).toBe(true);
    expect(sent(pbx, 'Atxfer')[0]?.get('Channel')).toMatch(/^PJSIP\/100-/);
    await until(() => progress.some((entry) => entry.stage === 'failed'), 6_000);
    expect(progress.at(-1)).toMatchObject({ command: 'attendedTransfer', code: 'noTransferFeature' });
  });

  /** 105 calls me (100); I start an attended transfer to 107 and talk to 107. */
  async function consulting() {
    const setup = await connected({ atxfer: 'transfers' });
    const { pbx, store, desk, progress } = setup;
    await pbx.placeCall('105', '100');
    await until(() => callWith(store, '105')?.state === 'up');
    const commandId = commandIdOf(
      await desk.transfer({ callId: callWith(store, '105')!.id, target: '107', mode: 'attended' }),
    );
    await until(() => callWith(store, '107')?.state === 'up');
    expect(stagesOf(progress, commandId)).toEqual(['waiting', 'consulting']);
    expect(numbersOn(store, '107')).toEqual(['100', '107']);
    await until(() => callWith(store, '105')?.state === 'onHold');
    return { ...setup, commandId };
  }
  const numbersOn = (store: PictureStore, exten: string) =>
    callWith(store, exten)
      ?.parties.map((party) => party.number)
      .sort();

  it('follows a working attended transfer: consulting, then "complete" hangs up my phone only and 105 meets 107', async () => {
    const { pbx, store, desk, progress, commandId } = await consulting();
    expect(await desk.finishTransfer(commandId, 'complete')).toEqual({ ok: true, value: { kind: 'done' } });
    await until(() => stagesOf(progress, commandId).includes('transferred'));
    expect(stagesOf(progress, commandId)).toEqual(['waiting', 'consulting', 'transferred']);
    expect(sent(pbx, 'Hangup').map((hangup) => hangup.get('Channel'))).toEqual([expect.stringMatching(/^PJSIP\/100-/)]);
    await until(() => numbersOn(store, '107')?.join() === '105,107');
    const again = await desk.finishTransfer(commandId, 'cancel');
    expect(again.ok || again.error.code).toBe('notConsulting');
  });

  it('the same transfer completes when I put my handset down instead', async () => {
    const { pbx, store, progress, commandId } = await consulting();
    pbx.telephony.hangup(pbx.model.channelsOnDevice('PJSIP/100')[0]!, 16);
    await until(() => stagesOf(progress, commandId).includes('transferred'));
    await until(() => numbersOn(store, '107')?.join() === '105,107');
  });

  it('consults from a call I placed from the console, on a PBX that gives other calls no transfer feature', async () => {
    const { pbx, store, desk, progress } = await connected();
    const dialled = commandIdOf(await desk.dial('105'));
    await until(() => stagesOf(progress, dialled).includes('connected'));
    expect(sent(pbx, 'Originate')[0]?.getAll('Variable')).toEqual(['BRIDGE_FEATURES=Tt']);
    await until(() => callWith(store, '105')?.state === 'up');
    const transfer = commandIdOf(
      await desk.transfer({ callId: callWith(store, '105')!.id, target: '107', mode: 'attended' }),
    );
    await until(() => stagesOf(progress, transfer).includes('consulting'));
    expect(stagesOf(progress, transfer)).toEqual(['waiting', 'consulting']);
  });

  it('"cancel" hangs up the target only and brings me back to 105', async () => {
    const { pbx, store, desk, progress, commandId } = await consulting();
    expect((await desk.finishTransfer(commandId, 'cancel')).ok).toBe(true);
    await until(() => stagesOf(progress, commandId).includes('returned'));
    expect(stagesOf(progress, commandId)).toEqual(['waiting', 'consulting', 'returned']);
    expect(sent(pbx, 'Hangup').map((hangup) => hangup.get('Channel'))).toEqual([expect.stringMatching(/^PJSIP\/107-/)]);
    await until(() => numbersOn(store, '105')?.join() === '100,105' && callWith(store, '105')?.state === 'up');
  });

  it('after a forced reconnect shows exactly the PBX’s calls and parked call, with new ids', async () => {
    const { pbx, store, session } = await connected({ parkingTimeoutMs: 60_000 });
    await pbx.placeCall('101', '102');
    await pbx.placeCall('103', '104');
    await pbx.placeCall('105', '106');
    await until(() => store.values('calls').filter((call) => call.state === 'up').length === 3);
    const parkee = pbx.model.channelsOnDevice('PJSIP/106')[0]!;
    pbx.telephony.park(parkee, pbx.model.channelsOnDevice('PJSIP/105')[0], 60_000);
    await until(() => store.values('parked').length === 1 && pbx.model.channelsOnDevice('PJSIP/105').length === 0);
    const idsBefore = store.values('calls').map((call) => call.id);

    const statuses: SessionStatus['kind'][] = [];
    session.onStatus((status) => {
      statuses.push(status.kind);
      // While the console is away, the PBX moves on: one call ends. (Done here, not after polling:
      // a quick reconnect could otherwise come back before the call ends.)
      if (status.kind === 'reconnecting' && !statuses.slice(0, -1).includes('reconnecting')) {
        pbx.telephony.hangup(pbx.model.channelsOnDevice('PJSIP/103')[0]!, 16);
      }
    });
    pbx.faults.drop();
    await until(() => statuses.includes('reconnecting') && statuses.at(-1) === 'connected');

    const devicesOf = (call: LiveCall) => call.parties.map((party) => party.number).sort();
    const board = store.values('calls').map(devicesOf).sort();
    const pbxCalls = [...pbx.model.bridges.values()]
      .filter((bridge) => bridge.type === 'basic')
      .map((bridge) => [...bridge.channels].map((channel) => channel.callerIdNum).sort())
      .concat([...pbx.model.parked.values()].map((parked) => [parked.parkee.callerIdNum]))
      .sort();
    expect(board).toEqual(pbxCalls);
    expect(board).toEqual([['101', '102'], ['106']]);
    expect(store.values('parked').map((parked) => parked.slot)).toEqual([...pbx.model.parked.keys()].map(String));
    expect(store.values('calls').some((call) => idsBefore.includes(call.id))).toBe(false);
  });
});
