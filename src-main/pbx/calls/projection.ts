import { CHANNEL_STATE } from '../../ami/channel-state';
import type { CallDirection, CallParty, CallState, LiveCall, ParkedCall } from '../../../src-preload/state';
import { deviceOfChannel, type ExtensionMatcher } from './device-match';
import type { ChannelRecord, ParkedRecord, PbxModel } from './model';
import { partiesOfCall } from './parties';

const STATE_RINGING = 5;

function partyState(channel: ChannelRecord, parkedUids: ReadonlySet<string>): CallState {
  if (parkedUids.has(channel.uid)) return 'parked';
  if (channel.onHold) return 'onHold';
  if (channel.state === CHANNEL_STATE.up) return 'up';
  if (channel.state === STATE_RINGING) return 'ringing';
  return 'dialing';
}

function callState(parties: readonly CallParty[]): CallState {
  const states = new Set(parties.map((party) => party.state));
  if (states.has('parked')) return 'parked';
  if (states.has('ringing')) return 'ringing';
  if (states.has('onHold')) return 'onHold';
  if (parties.length > 0 && states.size === 1 && states.has('up')) return 'up';
  return 'dialing';
}

function direction(parties: readonly CallParty[]): CallDirection {
  if (parties.every((party) => party.extensionId !== undefined)) return 'internal';
  return parties[0]?.extensionId !== undefined ? 'outbound' : 'inbound';
}

/** Who a party is: the board's extension when it is one of ours, else what the PBX's caller ID says. */
export function personOf(channel: ChannelRecord, matcher: ExtensionMatcher): { number: string; name: string } {
  const extension = matcher.extensionOfChannel(channel.name);
  if (extension) return { number: extension.exten, name: extension.name || channel.callerName };
  return { number: channel.callerNum, name: channel.callerName };
}

/**
 * The console's live calls (only those with a person on them), keyed by call id. A call whose
 * only people are `leaveOut` channels is none (my phone's leg of a listening session).
 */
export function projectCalls(
  model: PbxModel,
  matcher: ExtensionMatcher,
  leaveOut: (channel: ChannelRecord) => boolean = () => false,
): LiveCall[] {
  const parkedUids = new Set([...model.parked.values()].map((record) => record.parkeeUid));
  const calls: LiveCall[] = [];
  for (const [callId, uids] of model.calls) {
    const channels = uids.flatMap((uid) => model.channels.get(uid) ?? []);
    const people = partiesOfCall(model, callId);
    if (people.every(leaveOut)) continue;
    const parties = people.map((channel): CallParty => ({
      partyId: channel.partyId,
      extensionId: matcher.extensionOfChannel(channel.name)?.id,
      ...personOf(channel, matcher),
      state: partyState(channel, parkedUids),
      recording: channel.recording,
    }));
    const answers = people.flatMap((channel) => (channel.answeredAt === undefined ? [] : [channel.answeredAt]));
    answers.sort((a, b) => a - b);
    calls.push({
      id: callId,
      state: callState(parties),
      direction: direction(parties),
      startedAt: Math.min(...channels.map((channel) => channel.createdAt)),
      // A call is answered when its second person is (its only one, for a call to a service).
      answeredAt: people.length === 1 ? answers[0] : answers.length >= 2 ? answers[1] : undefined,
      parties,
    });
  }
  return calls;
}

function parkedBy(record: ParkedRecord, model: PbxModel, matcher: ExtensionMatcher): { number: string; name: string } {
  const { parker } = record;
  if (parker.number) return { number: parker.number, name: parker.name ?? '' };
  const channel = parker.channel
    ? [...model.channels.values()].find((known) => known.name === parker.channel)
    : undefined;
  const extension =
    (parker.channel ? matcher.extensionOfChannel(parker.channel) : undefined) ??
    (parker.dialString ? matcher.extensionOfDevice(parker.dialString) : undefined);
  if (extension) return { number: extension.exten, name: extension.name ?? '' };
  if (channel) return { number: channel.callerNum, name: channel.callerName };
  const device = parker.channel ? deviceOfChannel(parker.channel) : (parker.dialString ?? '');
  return { number: device, name: '' };
}

/** The parking lot panel's entries, keyed by slot. */
export function projectParked(model: PbxModel, matcher: ExtensionMatcher): ParkedCall[] {
  return [...model.parked.values()].map((record) => {
    const parkee = model.channels.get(record.parkeeUid);
    return {
      slot: record.slot,
      lot: record.lot,
      callId: parkee?.callId,
      parkee: parkee ? personOf(parkee, matcher) : { number: record.parkeeNumber, name: record.parkeeName },
      parkedBy: parkedBy(record, model, matcher),
      parkedAt: record.parkedAt,
      timeoutAt: record.timeoutAt,
    };
  });
}
