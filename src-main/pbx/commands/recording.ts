import { refusal } from '../../../src-shared/refusals';
import type { RecordingState } from '../../../src-preload/state';
import type { ChannelRecord } from '../calls/model';
import { fail, runAction, succeed, type CommandContext, type CommandResult } from './context';
import { recordingFileName } from './recording-file';
import { myChannelAmong, partiesOfCall } from './targets';

/**
 * Recording a call: Asterisk 11 the Monitor family; 13+ MixMonitor (MixMonitorMute to pause).
 * The badge follows the PBX's events; only where Asterisk sends none (Monitor pause/unpause, anything on 11) the accepted
 * command stands in for the event.
 */
type Method = 'mixmonitor' | 'monitor';

function methodFor(ctx: CommandContext): Method {
  return ctx.dialect.family === 'asterisk-11' ? 'monitor' : 'mixmonitor';
}

/** Whether the PBX will report this recording change itself. */
function pbxReports(ctx: CommandContext, method: Method, change: 'start' | 'pause' | 'stop'): boolean {
  if (method === 'mixmonitor') return ctx.dialect.mixMonitorEvents;
  return change !== 'pause' && ctx.dialect.monitorEvents;
}

const ACTIONS: Readonly<Record<Method, { start: string; stop: string }>> = {
  mixmonitor: { start: 'MixMonitor', stop: 'StopMixMonitor' },
  monitor: { start: 'Monitor', stop: 'StopMonitor' },
};

/** The channel a call's recording runs on: the one already recording, else mine, else the first person. */
function recordedChannel(ctx: CommandContext, parties: readonly ChannelRecord[]): ChannelRecord | undefined {
  return (
    parties.find((channel) => channel.recording !== 'none') ??
    myChannelAmong(parties, ctx.profile.myDevice, ctx.matcher()) ??
    parties[0]
  );
}

async function withRecordedChannel<T>(
  ctx: CommandContext,
  callId: string,
  run: (channel: ChannelRecord, parties: readonly ChannelRecord[]) => Promise<CommandResult<T>>,
): Promise<CommandResult<T>> {
  const parties = partiesOfCall(ctx, callId);
  if (!parties.ok) return parties;
  const channel = recordedChannel(ctx, parties.value);
  if (!channel) return fail('callNotFound', refusal('callOver', {}));
  return run(channel, parties.value);
}

function assumeUnlessReported(
  ctx: CommandContext,
  method: Method,
  change: 'start' | 'pause' | 'stop',
  uid: string,
  state: RecordingState,
  file?: string,
) {
  if (!pbxReports(ctx, method, change)) ctx.assume({ kind: 'recording', uid, state, ...(file ? { file } : {}) });
}

export async function startRecording(ctx: CommandContext, callId: string): Promise<CommandResult<{ file: string }>> {
  return withRecordedChannel(ctx, callId, async (channel, parties) => {
    if (channel.recording !== 'none') return fail('alreadyRecording', refusal('alreadyRecording', {}));
    const matcher = ctx.matcher();
    const numberOf = (party: ChannelRecord | undefined) =>
      party ? (matcher.extensionOfChannel(party.name)?.exten ?? party.callerNum) : '';
    const [caller, ...called] = parties;
    const base = recordingFileName(ctx.profile.recordingPattern, {
      now: ctx.now(),
      caller: numberOf(caller),
      callee: numberOf(called[0]),
      exten: numberOf(called.find((party) => matcher.extensionOfChannel(party.name) !== undefined) ?? called[0]),
      uniqueid: channel.uid,
    });
    const method = methodFor(ctx);
    const headers: Record<string, string> =
      method === 'mixmonitor'
        ? { Channel: channel.name, File: `${base}.wav` }
        : { Channel: channel.name, File: base, Format: 'wav', Mix: 'true' };
    const sent = await runAction(ctx, ACTIONS[method].start, headers, 'recorded');
    if (!sent.ok) return sent;
    assumeUnlessReported(ctx, method, 'start', channel.uid, 'recording', headers.File);
    return succeed({ file: headers.File ?? base });
  });
}

async function setPaused(ctx: CommandContext, callId: string, paused: boolean): Promise<CommandResult> {
  return withRecordedChannel(ctx, callId, async (channel) => {
    if (channel.recording === 'none') return fail('notRecording', refusal('notRecording', {}));
    const method = methodFor(ctx);
    const sent =
      method === 'mixmonitor'
        ? await runAction(
            ctx,
            'MixMonitorMute',
            { Channel: channel.name, Direction: 'both', State: paused ? 1 : 0 },
            paused ? 'paused' : 'resumed',
          )
        : await runAction(
            ctx,
            paused ? 'PauseMonitor' : 'UnpauseMonitor',
            { Channel: channel.name },
            paused ? 'paused' : 'resumed',
          );
    if (!sent.ok) return sent;
    assumeUnlessReported(ctx, method, 'pause', channel.uid, paused ? 'paused' : 'recording');
    return succeed(undefined);
  });
}

export const pauseRecording = (ctx: CommandContext, callId: string) => setPaused(ctx, callId, true);
export const resumeRecording = (ctx: CommandContext, callId: string) => setPaused(ctx, callId, false);

export async function stopRecording(ctx: CommandContext, callId: string): Promise<CommandResult> {
  return withRecordedChannel(ctx, callId, async (channel) => {
    if (channel.recording === 'none') return fail('notRecording', refusal('notRecording', {}));
    const method = methodFor(ctx);
    const sent = await runAction(ctx, ACTIONS[method].stop, { Channel: channel.name }, 'stopped');
    if (!sent.ok) {
      // "Could not stop monitoring channel": it had already stopped.
      if (sent.error.code === 'refused') return fail('notRecording', refusal('recordingAlreadyStopped', {}));
      return sent;
    }
    assumeUnlessReported(ctx, method, 'stop', channel.uid, 'none');
    return succeed(undefined);
  });
}
