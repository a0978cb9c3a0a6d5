import { refusal } from '../../../src-shared/refusals';
import { fail, runAction, succeed, type CommandContext, type CommandResult } from './context';
import { myChannelAmong, partiesOfCall, pickParty } from './targets';

/**
 * Parks the other person of a call in the profile's lot. The call comes back to me on timeout:
 * 13+ `TimeoutChannel` (which the PBX hangs up after announcing the space), Asterisk 11 `Channel2`
 * (required there). When I am not on the call, the person staying plays that part.
 */
export async function park(
  ctx: CommandContext,
  request: { readonly callId: string; readonly partyId?: string },
): Promise<CommandResult> {
  const parties = partiesOfCall(ctx, request.callId);
  if (!parties.ok) return parties;
  const parkee = pickParty(ctx, parties.value, request);
  if (!parkee.ok) return parkee;
  const others = parties.value.filter((channel) => channel !== parkee.value);
  const returnTo =
    myChannelAmong(others, ctx.profile.myDevice, ctx.matcher()) ?? (others.length === 1 ? others[0] : undefined);
  const headers: Record<string, string> = { Channel: parkee.value.name, Parkinglot: ctx.profile.parkingLot };
  if (ctx.dialect.family === 'asterisk-11') {
    if (!returnTo) return fail('unsupported', refusal('parkNeedsTwo', {}));
    headers.Channel2 = returnTo.name;
  } else if (returnTo) {
    headers.TimeoutChannel = returnTo.name;
  }
  const sent = await runAction(ctx, 'Park', headers, 'parked');
  return sent.ok ? succeed(undefined) : sent;
}
