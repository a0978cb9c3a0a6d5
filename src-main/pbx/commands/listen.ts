import { refusal } from '../../../src-shared/refusals';
import type { ListenMode } from '../../../src-preload/contract';
import type { ChannelRecord } from '../calls/model';
import { fail, runAction, succeed, type CommandContext, type CommandResult } from './context';
import { myChannelAmong, partiesOfCall } from './targets';

/** ChanSpy's options (trace 21): q quiet, E end with the spied channel, S stop when nothing is left; w whisper, B barge. */
const CHANSPY_OPTIONS: Readonly<Record<ListenMode, string>> = { listen: 'qES', whisper: 'qESw', barge: 'qESB' };
const LISTEN_TIMEOUT_MS = 30_000;

export interface ListenStarted {
  readonly actionId: string;
  readonly spyee: ChannelRecord;
}

/**
 * Joins a call from my phone: Originate of my device into `ChanSpy` on the chosen person's channel
 * (by default the first colleague on the call). My phone rings first; the PBX's ChanSpyStart tells
 * when I am listening.
 */
export async function listenIn(
  ctx: CommandContext,
  request: { readonly callId: string; readonly partyId?: string | undefined; readonly mode: ListenMode },
): Promise<CommandResult<ListenStarted>> {
  const parties = partiesOfCall(ctx, request.callId);
  if (!parties.ok) return parties;
  const matcher = ctx.matcher();
  if (myChannelAmong(parties.value, ctx.profile.myDevice, matcher))
    return fail('notYourCall', refusal('alreadyOnThatCall', {}));
  const spyee =
    request.partyId !== undefined
      ? parties.value.find((channel) => channel.partyId === request.partyId)
      : (parties.value.find((channel) => matcher.extensionOfChannel(channel.name)) ?? parties.value[0]);
  if (!spyee) return fail('partyNotFound', refusal('personLeft', {}));
  const headers: Record<string, string | number> = {
    Channel: ctx.profile.myDevice,
    Application: 'ChanSpy',
    Data: `${spyee.name},${CHANSPY_OPTIONS[request.mode]}`,
    Async: 'true',
    Timeout: LISTEN_TIMEOUT_MS,
  };
  if (ctx.profile.callerId) headers.CallerID = ctx.profile.callerId;
  const sent = await runAction(ctx, 'Originate', headers, 'joined');
  if (!sent.ok) return sent;
  return succeed({ actionId: sent.value.actionId ?? '', spyee });
}
