import { refusal } from '../../../src-shared/refusals';
import type { BlindTransferWatcher } from '../watchers/blind-transfer-watcher';
import { fail, runAction, succeed, type CommandContext, type CommandResult } from './context';
import { isMyChannel, ringingCaller } from './targets';
import { followMoved } from './transfer';

/**
 * Takes a call that rings at someone else's phone to mine: Redirect of the caller to my extension
 * (the ringing legs are cancelled, trace 24), followed like a transfer until my phone answers.
 */
export async function takeRingingCall(
  ctx: CommandContext,
  callId: string,
  myExten: string,
): Promise<CommandResult<{ watcher: BlindTransferWatcher }>> {
  const caller = ringingCaller(ctx, callId);
  if (!caller) return fail('callEnded', refusal('noLongerRinging', {}));
  if (isMyChannel(ctx.profile.myDevice, ctx.matcher())(caller.name))
    return fail('notYourCall', refusal('alreadyYours', {}));
  const startedAt = ctx.now();
  const sent = await runAction(
    ctx,
    'Redirect',
    { Channel: caller.name, Context: ctx.profile.dialContext, Exten: myExten, Priority: 1 },
    'taken',
  );
  return sent.ok ? succeed({ watcher: followMoved(ctx, caller, myExten, startedAt) }) : sent;
}
