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

/** What a call's projection is made of: while none of it changed, the call projects the same. */
interface CallInputs {
  readonly matcher: ExtensionMatcher;
  readonly leaveOut: (channel: ChannelRecord) => boolean;
  /** Per channel of the call: its record, whether it is parked, whether its bridge holds. */
  readonly channels: readonly (ChannelRecord | boolean | undefined)[];
}

const LEAVE_NONE = (): boolean => false;

/**
 * Projects the console's live calls (only those with a person on them), keyed by call id. A call
 * whose only people are `leaveOut` channels is none (my phone's leg of a listening session). A call
 * none of whose channels changed keeps the object it had, so publishing it again costs nothing.
 */
export class CallProjector {
  private last = new Map<string, { readonly inputs: CallInputs; readonly call: LiveCall | undefined }>();

  /** `leaveOut` is kept by identity: pass the same function while what it leaves out stays the same. */
  project(model: PbxModel, matcher: ExtensionMatcher, leaveOut: (channel: ChannelRecord) => boolean = LEAVE_NONE) {
    const parkedUids = new Set([...model.parked.values()].map((record) => record.parkeeUid));
    const next = new Map<string, { readonly inputs: CallInputs; readonly call: LiveCall | undefined }>();
    const calls: LiveCall[] = [];
    for (const [callId, uids] of model.calls) {
      const inputs: CallInputs = {
        matcher,
        leaveOut,
        channels: uids.flatMap((uid) => {
          const channel = model.channels.get(uid);
          const holding = channel?.bridgeId !== undefined && model.bridges.get(channel.bridgeId)?.holding === true;
          return [channel, parkedUids.has(uid), holding];
        }),
      };
      const previous = this.last.get(callId);
      const call =
        previous && sameInputs(previous.inputs, inputs)
          ? previous.call
          : projectCall(model, callId, uids, matcher, leaveOut, parkedUids);
      next.set(callId, { inputs, call });
      if (call) calls.push(call);
    }
    this.last = next;
    return calls;
  }
}

function sameInputs(a: CallInputs, b: CallInputs): boolean {
  return (
    a.matcher === b.matcher &&
    a.leaveOut === b.leaveOut &&
    a.channels.length === b.channels.length &&
    a.channels.every((input, index) => input === b.channels[index])
  );
}

function projectCall(
  model: PbxModel,
  callId: string,
  uids: readonly string[],
  matcher: ExtensionMatcher,
  leaveOut: (channel: ChannelRecord) => boolean,
  parkedUids: ReadonlySet<string>,
): LiveCall | undefined {
  const channels = uids.flatMap((uid) => model.channels.get(uid) ?? []);
  const people = partiesOfCall(model, callId);
  if (people.every(leaveOut)) return undefined;
  const parties = people.map((channel): CallParty => ({
    partyId: channel.partyId,
    extensionId: matcher.extensionOfChannel(channel.name)?.id,
    ...personOf(channel, matcher),
    state: partyState(channel, parkedUids),
    recording: channel.recording,
  }));
  const answers = people.flatMap((channel) => (channel.answeredAt === undefined ? [] : [channel.answeredAt]));
  answers.sort((a, b) => a - b);
  return {
    id: callId,
    state: callState(parties),
    direction: direction(parties),
    startedAt: Math.min(...channels.map((channel) => channel.createdAt)),
    // A call is answered when its second person is (its only one, for a call to a service).
    answeredAt: people.length === 1 ? answers[0] : answers.length >= 2 ? answers[1] : undefined,
    parties,
  };
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
