import { refusal } from '../../../src-shared/refusals';
import type { ConsultationEnd } from '../../../src-preload/contract';
import type { ChannelRecord } from '../calls/model';
import { personOf } from '../calls/projection';
import { AtxferWatcher } from '../watchers/atxfer-watcher';
import { BlindTransferWatcher } from '../watchers/blind-transfer-watcher';
import { fail, NORMAL_CLEARING, runAction, succeed, type CommandContext, type CommandResult } from './context';
import { checkTarget, isMyChannel, myChannelAmong, partiesOfCall, pickParty, ringingCaller } from './targets';

export interface BlindTransferRequest {
  readonly callId: string;
  /** The extension (or number) the person goes to. */
  readonly target: string;
  /** The person to move; by default the one who is neither me nor on `keepExtensionId`. */
  readonly partyId?: string;
  /** The tile the call was dragged from: its person stays out of the move. */
  readonly keepExtensionId?: string;
}

/**
 * Sends one person of a call to another extension. On Asterisk 13+ when the person talks directly
 * with the one staying, BlindTransfer on the staying one (it leaves, as after a transfer from the
 * phone); otherwise Redirect of the moving person alone, which also ends the other's leg (only
 * moving both would need ExtraChannel, and that is not a transfer). The returned watcher follows the
 * moved person to the target: the acknowledgement does not say they got there.
 */
export async function transferBlind(
  ctx: CommandContext,
  request: BlindTransferRequest,
): Promise<CommandResult<{ watcher: BlindTransferWatcher }>> {
  const target = checkTarget(request.target);
  if (!target.ok) return target;
  const parties = partiesOfCall(ctx, request.callId);
  if (!parties.ok) return parties;
  const moving = ringingCallerToMove(ctx, request) ?? pickParty(ctx, parties.value, request);
  if (!moving.ok) return moving;
  const staying = parties.value.filter((channel) => channel !== moving.value);
  const startedAt = ctx.now();
  const bridged = ctx.model().bridges.get(moving.value.bridgeId ?? '');
  const transferer =
    ctx.dialect.family === 'asterisk-13' && bridged && !bridged.holding && staying.length === 1
      ? staying.find((channel) => channel.bridgeId === moving.value.bridgeId)
      : undefined;
  const sent = transferer
    ? await runAction(
        ctx,
        'BlindTransfer',
        { Channel: transferer.name, Context: ctx.profile.dialContext, Exten: target.value },
        'transferred',
      )
    : await runAction(
        ctx,
        'Redirect',
        { Channel: moving.value.name, Context: ctx.profile.dialContext, Exten: target.value, Priority: 1 },
        'transferred',
      );
  return sent.ok ? succeed({ watcher: followMoved(ctx, moving.value, target.value, startedAt) }) : sent;
}

/**
 * A call still ringing (at one phone, or at all of a ring group's) moves as its caller: the caller's
 * Redirect cancels every ringing leg (trace 24). Not when I am the caller, nor for a chosen person.
 */
function ringingCallerToMove(
  ctx: CommandContext,
  request: BlindTransferRequest,
): CommandResult<ChannelRecord> | undefined {
  if (request.partyId !== undefined) return undefined;
  const caller = ringingCaller(ctx, request.callId);
  if (!caller || isMyChannel(ctx.profile.myDevice, ctx.matcher())(caller.name)) return undefined;
  return succeed(caller);
}

/** A watcher on the person moved to `target`, named as the board names them. */
export function followMoved(ctx: CommandContext, moved: ChannelRecord, target: string, startedAt: number) {
  const person = personOf(moved, ctx.matcher());
  const shown = person.name && person.name !== person.number ? `${person.number} ${person.name}` : person.number;
  return new BlindTransferWatcher({
    movedUid: moved.uid,
    moved: shown ? { shown } : 'caller',
    target,
    isMine: isMyChannel(ctx.profile.myDevice, ctx.matcher()),
    startedAt,
  });
}

/**
 * Attended transfer from my own phone: Atxfer on my channel. The acknowledgement proves nothing,
 * so the returned watcher says within a few seconds whether the PBX really started it.
 */
export async function transferAttended(
  ctx: CommandContext,
  request: { readonly callId: string; readonly target: string },
): Promise<CommandResult<{ watcher: AtxferWatcher }>> {
  const target = checkTarget(request.target);
  if (!target.ok) return target;
  const parties = partiesOfCall(ctx, request.callId);
  if (!parties.ok) return parties;
  const mine = myChannelAmong(parties.value, ctx.profile.myDevice, ctx.matcher());
  if (!mine) {
    return fail('notYourCall', refusal('attendedNeedsYourCall', {}));
  }
  const startedAt = ctx.now();
  const sent = await runAction(
    ctx,
    'Atxfer',
    { Channel: mine.name, Context: ctx.profile.dialContext, Exten: target.value },
    'transferred',
  );
  if (!sent.ok) return sent;
  const peerUids = parties.value.filter((channel) => channel !== mine).map((channel) => channel.uid);
  return succeed({
    watcher: new AtxferWatcher({ transfererUid: mine.uid, peerUids, origBridgeId: mine.bridgeId, startedAt }),
  });
}

/**
 * Ends the consultation of an attended transfer, as the phone would: `complete` hangs up my channel
 * (the PBX then joins the others to the target), `cancel` hangs up the target (the PBX takes me back
 * to the caller). Hanging up the whole consultation call instead would do both, in a race.
 */
export async function finishAttendedTransfer(
  ctx: CommandContext,
  transfererUid: string,
  action: ConsultationEnd,
): Promise<CommandResult> {
  const channels = ctx.model().channels;
  const mine = channels.get(transfererUid);
  const bridgeId = mine?.bridgeId;
  const ending = !mine
    ? []
    : action === 'complete'
      ? [mine]
      : [...channels.values()].filter((channel) => channel !== mine && bridgeId && channel.bridgeId === bridgeId);
  if (ending.length === 0) return fail('callEnded', refusal('consultationEnded', {}));
  const results = await Promise.all(
    ending.map((channel) => runAction(ctx, 'Hangup', { Channel: channel.name, Cause: NORMAL_CLEARING }, 'transferred')),
  );
  return results.find((result) => !result.ok) ?? succeed(undefined);
}

/** Sends a parked call to an extension (Redirect of the parked channel alone), followed like a transfer. */
export async function moveParked(
  ctx: CommandContext,
  slot: string,
  exten: string,
): Promise<CommandResult<{ watcher: BlindTransferWatcher }>> {
  const target = checkTarget(exten);
  if (!target.ok) return target;
  const parked = ctx.model().parked.get(slot);
  const parkee = parked ? ctx.model().channels.get(parked.parkeeUid) : undefined;
  if (!parkee) return fail('slotEmpty', refusal('slotEmpty', { slot }));
  const startedAt = ctx.now();
  const sent = await runAction(
    ctx,
    'Redirect',
    { Channel: parkee.name, Context: ctx.profile.dialContext, Exten: target.value, Priority: 1 },
    'moved',
  );
  return sent.ok ? succeed({ watcher: followMoved(ctx, parkee, target.value, startedAt) }) : sent;
}
