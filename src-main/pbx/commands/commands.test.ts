import { describe, expect, it } from 'vitest';
import type { ExtensionMatcher } from '../calls/device-match';
import type { PbxEvent } from '../calls/events';
import type { PbxModel } from '../calls/model';
import { CallProjector } from '../calls/projection';
import { dialectForAmiVersion } from '../dialect';
import { RecordingAmi, clientError } from '../testing/fake-ami';
import { feed, tracedBoard } from '../testing/feed';
import { liveEvents, readTrace } from '../testing/traces';
import type { CommandContext, OperatorProfile } from './context';
import { dial, pickupParked } from './dial';
import { hangup } from './hangup';
import { park } from './park';
import { startRecording, stopRecording, pauseRecording } from './recording';
import { transferAttended, transferBlind } from './transfer';

const PROFILE: OperatorProfile = {
  myDevice: 'Local/101@phones',
  dialContext: 'internal',
  parkingLot: 'default',
  recordingPattern: '${date}-${caller}-${exten}',
  callerId: '"Reception" <101>',
};

function context(
  model: PbxModel,
  ami: RecordingAmi,
  options: { amiVersion?: string; profile?: Partial<OperatorProfile>; matcher?: ExtensionMatcher } = {},
) {
  const assumed: PbxEvent[] = [];
  const ctx: CommandContext = {
    ami,
    dialect: dialectForAmiVersion(options.amiVersion ?? '9.0.0'),
    profile: { ...PROFILE, ...options.profile },
    model: () => model,
    matcher: () => options.matcher ?? tracedBoard(),
    now: () => Date.UTC(2026, 10, 22, 20, 23, 19),
    assume: (event) => assumed.push(event),
  };
  return { ctx, assumed };
}

/** 101 talking to 102 (Local optimised), from the park trace just before it parks. */
const bridged101And102 = () => feed(liveEvents(readTrace('12-park-pickup'), 3335), '9.0.0');
const onlyCallId = (model: PbxModel) => new CallProjector().project(model, tracedBoard())[0]!.id;

describe('call commands', () => {
  it('dials from my device to the target, async, with my caller ID and a timeout', async () => {
    const ami = new RecordingAmi().reply('Originate', {
      Response: 'Success',
      Message: 'Originate successfully queued',
      ActionID: 'rec-9',
    });
    const result = await dial(context(bridged101And102(), ami).ctx, '102');
    expect(ami.sent).toEqual([
      {
        action: 'Originate',
        headers: {
          Channel: 'Local/101@phones',
          Context: 'internal',
          Exten: '102',
          Priority: 1,
          Async: 'true',
          Timeout: 30_000,
          Variable: 'BRIDGE_FEATURES=Tt',
          CallerID: '"Reception" <101>',
        },
      },
    ]);
    expect(result.ok && result.value.watcher.stage).toEqual({ stage: 'callingYou' });
  });

  it('refuses a dial target that could name another context or device', async () => {
    const ami = new RecordingAmi();
    const result = await dial(context(bridged101And102(), ami).ctx, '102@secret');
    expect(result).toMatchObject({ ok: false, error: { code: 'invalidTarget' } });
    expect(ami.sent).toEqual([]);
  });

  it('says which write permission is missing when the PBX denies Originate', async () => {
    const ami = new RecordingAmi().reply('Originate', { Response: 'Error', Message: 'Permission denied' });
    const result = await dial(context(bridged101And102(), ami).ctx, '102');
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'permissionDenied',
        refusal: { reason: 'permissionDenied', values: { intent: 'placeCalls', grant: 'originate' } },
        message:
          "Your AMI user may not place calls: ask your PBX admin to add 'originate' to its read and write permissions in manager.conf.",
      },
    });
  });

  it('parks the other person with my channel as TimeoutChannel (Asterisk 13+), as in the trace', async () => {
    const model = bridged101And102();
    const ami = new RecordingAmi();
    expect(await park(context(model, ami).ctx, { callId: onlyCallId(model) })).toEqual({ ok: true, value: undefined });
    expect(ami.sent).toEqual([
      {
        action: 'Park',
        headers: {
          Channel: 'Local/102@phones-0000002e;1',
          Parkinglot: 'default',
          TimeoutChannel: 'Local/101@phones-0000002d;1',
        },
      },
    ]);
  });

  it('parks with Channel2 on Asterisk 11', async () => {
    const model = bridged101And102();
    const ami = new RecordingAmi();
    await park(context(model, ami, { amiVersion: '1.3' }).ctx, { callId: onlyCallId(model) });
    expect(ami.sent[0]?.headers).toEqual({
      Channel: 'Local/102@phones-0000002e;1',
      Parkinglot: 'default',
      Channel2: 'Local/101@phones-0000002d;1',
    });
  });

  it('blind-transfers the other person with BlindTransfer on the one staying, when they share a bridge', async () => {
    const model = feed(liveEvents(readTrace('10-blindtransfer'), 3332), '9.0.0');
    const ami = new RecordingAmi();
    const result = await transferBlind(context(model, ami, { profile: { myDevice: 'PJSIP/200' } }).ctx, {
      callId: onlyCallId(model),
      target: '107',
      keepExtensionId: '103@internal',
    });
    expect(result.ok).toBe(true);
    expect(ami.sent).toEqual([
      {
        action: 'BlindTransfer',
        headers: { Channel: 'Local/103@phones-0000001e;1', Context: 'internal', Exten: '107' },
      },
    ]);
  });

  it('redirects only the moving person when the two are not directly bridged (Asterisk 11 too)', async () => {
    const model = bridged101And102();
    const ami = new RecordingAmi();
    await transferBlind(context(model, ami, { amiVersion: '1.3' }).ctx, { callId: onlyCallId(model), target: '105' });
    expect(ami.sent).toEqual([
      {
        action: 'Redirect',
        headers: { Channel: 'Local/102@phones-0000002e;1', Context: 'internal', Exten: '105', Priority: 1 },
      },
    ]);
  });

  it('says the call ended when the PBX no longer has the channel', async () => {
    const model = bridged101And102();
    const ami = new RecordingAmi().reply('Park', { Response: 'Error', Message: 'Channel specified does not exist' });
    expect(await park(context(model, ami).ctx, { callId: onlyCallId(model) })).toEqual({
      ok: false,
      error: {
        code: 'callEnded',
        refusal: { reason: 'callEndedBefore', values: { doing: 'parked' } },
        message: 'The call ended before it could be parked.',
      },
    });
  });

  it('never takes a channel name for a call id', async () => {
    const ami = new RecordingAmi();
    const result = await hangup(context(bridged101And102(), ami).ctx, 'Local/102@phones-0000002e;1');
    expect(result).toMatchObject({ ok: false, error: { code: 'callNotFound' } });
    expect(ami.sent).toEqual([]);
  });

  it('hangs up every person on the call, counting one already gone as done', async () => {
    const model = bridged101And102();
    const ami = new RecordingAmi().reply('Hangup', { Response: 'Error', Message: 'No such channel' });
    expect(await hangup(context(model, ami).ctx, onlyCallId(model))).toEqual({ ok: true, value: undefined });
    expect(ami.sent.map((sent) => sent.headers.Channel)).toEqual([
      'Local/101@phones-0000002d;1',
      'Local/102@phones-0000002e;1',
    ]);
  });

  it('reports an action lost with the connection as outcome unknown', async () => {
    const model = bridged101And102();
    const ami = new RecordingAmi().reply('Park', clientError('outcomeUnknown'));
    const result = await park(context(model, ami).ctx, { callId: onlyCallId(model) });
    expect(result).toMatchObject({ ok: false, error: { code: 'outcomeUnknown' } });
  });

  it('attended transfer runs Atxfer on my own channel and hands back a watcher', async () => {
    const model = bridged101And102();
    const ami = new RecordingAmi();
    const result = await transferAttended(context(model, ami).ctx, { callId: onlyCallId(model), target: '108' });
    expect(ami.sent).toEqual([
      { action: 'Atxfer', headers: { Channel: 'Local/101@phones-0000002d;1', Context: 'internal', Exten: '108' } },
    ]);
    expect(result.ok && result.value.watcher.stage).toEqual({ stage: 'waiting' });
  });

  it('refuses an attended transfer of a call I am not on', async () => {
    const model = bridged101And102();
    const result = await transferAttended(
      context(model, new RecordingAmi(), { profile: { myDevice: 'PJSIP/200' } }).ctx,
      {
        callId: onlyCallId(model),
        target: '108',
      },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'notYourCall' } });
  });

  it('picks a parked call up by calling my phone to the slot, and refuses an empty slot', async () => {
    const model = feed(liveEvents(readTrace('12-park-pickup'), 5339), '9.0.0');
    const ami = new RecordingAmi();
    expect((await pickupParked(context(model, ami).ctx, '702')).ok).toBe(false);
    await pickupParked(context(model, ami).ctx, '701');
    expect(ami.sent[0]).toMatchObject({
      action: 'Originate',
      headers: { Channel: 'Local/101@phones', Exten: '701', Context: 'internal' },
    });
  });
});

describe('recording commands', () => {
  it('starts MixMonitor on 13+ with the profile pattern and leaves the badge to the PBX event', async () => {
    const model = bridged101And102();
    const ami = new RecordingAmi();
    const { ctx, assumed } = context(model, ami);
    const result = await startRecording(ctx, onlyCallId(model));
    expect(ami.sent).toEqual([
      {
        action: 'MixMonitor',
        headers: { Channel: 'Local/101@phones-0000002d;1', File: '20261122-202319-101-102.wav' },
      },
    ]);
    expect(result).toEqual({ ok: true, value: { file: '20261122-202319-101-102.wav' } });
    expect(assumed).toEqual([]);
  });

  it('uses Monitor on Asterisk 11 and, as 11 sends no event, takes the accepted command as the state', async () => {
    const model = bridged101And102();
    const ami = new RecordingAmi();
    const { ctx, assumed } = context(model, ami, { amiVersion: '1.3' });
    await startRecording(ctx, onlyCallId(model));
    expect(ami.sent[0]).toMatchObject({ action: 'Monitor', headers: { Format: 'wav', Mix: 'true' } });
    expect(assumed).toMatchObject([{ kind: 'recording', state: 'recording' }]);
  });

  it('pauses MixMonitor with MixMonitorMute, and says so when nothing is recording', async () => {
    const model = feed(liveEvents(readTrace('14-mixmonitor'), 3400), '9.0.0');
    const ami = new RecordingAmi();
    await pauseRecording(context(model, ami).ctx, onlyCallId(model));
    expect(ami.sent).toEqual([
      { action: 'MixMonitorMute', headers: { Channel: 'Local/102@phones-00000037;1', Direction: 'both', State: 1 } },
    ]);
    const idle = bridged101And102();
    expect(await pauseRecording(context(idle, ami).ctx, onlyCallId(idle))).toMatchObject({
      ok: false,
      error: { code: 'notRecording' },
    });
  });

  it('treats "Could not stop monitoring channel" as already stopped', async () => {
    const model = feed(liveEvents(readTrace('14-mixmonitor'), 3400), '9.0.0');
    const ami = new RecordingAmi().reply('StopMixMonitor', {
      Response: 'Error',
      Message: 'Could not stop monitoring channel',
    });
    expect(await stopRecording(context(model, ami).ctx, onlyCallId(model))).toMatchObject({
      ok: false,
      error: { code: 'notRecording' },
    });
  });
});
