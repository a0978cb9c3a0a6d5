import { NORMAL_CLEARING, runAction, succeed, type CommandContext, type CommandResult } from './context';
import { partiesOfCall } from './targets';

/** Hangs up every person on the call; a person already gone counts as done. */
export async function hangup(ctx: CommandContext, callId: string): Promise<CommandResult> {
  const parties = partiesOfCall(ctx, callId);
  if (!parties.ok) return parties;
  const results = await Promise.all(
    parties.value.map((channel) =>
      runAction(ctx, 'Hangup', { Channel: channel.name, Cause: NORMAL_CLEARING }, 'hungUp'),
    ),
  );
  const failure = results.find((result) => !result.ok && result.error.code !== 'callEnded');
  return failure && !failure.ok ? failure : succeed(undefined);
}
