import { refusal } from '../../../src-shared/refusals';
import { DIAL_TARGET } from '../../../src-preload/dial-target';
import { deviceOfChannel, type ExtensionMatcher } from '../calls/device-match';
import type { ChannelRecord } from '../calls/model';
import { partiesOfCall as peopleOnCall } from '../calls/parties';
import { fail, type CommandContext, type CommandResult } from './context';

/**
 * Main-issued ids → the channels they stand for. Commands never take a channel name from the page;
 * they look the id up here, in the model as it is now.
 */

/** The people on a call, oldest first. */
export function partiesOfCall(ctx: CommandContext, callId: string): CommandResult<ChannelRecord[]> {
  const parties = peopleOnCall(ctx.model(), callId);
  if (parties.length === 0) return fail('callNotFound', refusal('callOver', {}));
  return { ok: true, value: parties };
}

/** The operator's own channel among these: its device, or a channel of the operator's extension. */
export function myChannelAmong(
  parties: readonly ChannelRecord[],
  myDevice: string,
  matcher: ExtensionMatcher,
): ChannelRecord | undefined {
  const mine = isMyChannel(myDevice, matcher);
  return parties.find((channel) => mine(channel.name));
}

/** Whether a channel (by name) is the operator's own phone: its device, or a channel of the operator's extension. */
export function isMyChannel(myDevice: string, matcher: ExtensionMatcher): (channelName: string) => boolean {
  const wanted = myDevice.toLowerCase();
  const myExtension = matcher.extensionOfDevice(myDevice);
  return (name) =>
    (wanted !== '' && deviceOfChannel(name).toLowerCase() === wanted) ||
    (myExtension !== undefined && matcher.extensionOfChannel(name)?.id === myExtension.id);
}

/** A named party of the call, or the one party that is neither the operator nor `keepExtensionId`. */
export function pickParty(
  ctx: CommandContext,
  parties: readonly ChannelRecord[],
  choice: { partyId?: string | undefined; keepExtensionId?: string | undefined },
): CommandResult<ChannelRecord> {
  if (choice.partyId !== undefined) {
    const party = parties.find((channel) => channel.partyId === choice.partyId);
    return party ? { ok: true, value: party } : fail('partyNotFound', refusal('personLeft', {}));
  }
  const matcher = ctx.matcher();
  const mine = myChannelAmong(parties, ctx.profile.myDevice, matcher);
  const others = parties.filter(
    (channel) =>
      channel !== mine &&
      (choice.keepExtensionId === undefined || matcher.extensionOfChannel(channel.name)?.id !== choice.keepExtensionId),
  );
  if (others.length === 1 && others[0]) return { ok: true, value: others[0] };
  if (others.length === 0 && parties.length === 1 && parties[0] && parties[0] !== mine)
    return { ok: true, value: parties[0] };
  return fail('ambiguousParty', refusal('ambiguousParty', {}));
}

export function checkTarget(target: string): CommandResult<string> {
  const trimmed = target.trim();
  if (DIAL_TARGET.test(trimmed)) return { ok: true, value: trimmed };
  return fail('invalidTarget', refusal('notDialable', { target }));
}

/** Asterisk's channel state 5: the far end is ringing. */
const RINGING = 5;

/**
 * The person a ringing call is for: the channel whose Dial rings the others (trace 24: the caller's Local
 * channel into the ring group runs Dial; each ringing leg is dialled by it). `undefined` when nothing
 * on the call rings.
 */
export function ringingCaller(ctx: CommandContext, callId: string): ChannelRecord | undefined {
  const model = ctx.model();
  const channels = (model.calls.get(callId) ?? []).flatMap((uid) => model.channels.get(uid) ?? []);
  for (const leg of channels) {
    const caller = leg.state === RINGING && leg.dialedBy ? model.channels.get(leg.dialedBy) : undefined;
    if (caller) return caller;
  }
  return undefined;
}
