import { compareChannelAge, type ChannelRecord, type PbxModel } from './model';

/** Technologies whose channels are PBX machinery, never a person on the line. */
const MACHINERY = /^(Announcer|CBAnn|CBRec|Recorder|Snoop|Bridge|Parked|Multicast)\//i;
const LOCAL_HALF = /^(Local\/.+);([12])$/i;

/** What the model says about Local channels' inner halves, computed once per model. */
interface LocalIndex {
  /** `Local/105@phones-0000000d` → its `;2` half. */
  readonly innerHalf: ReadonlyMap<string, ChannelRecord>;
  /** Uids of channels that are dialling someone. */
  readonly dialling: ReadonlySet<string>;
}

const indexes = new WeakMap<PbxModel, LocalIndex>();

function localIndex(model: PbxModel): LocalIndex {
  let index = indexes.get(model);
  if (!index) {
    const innerHalf = new Map<string, ChannelRecord>();
    const dialling = new Set<string>();
    for (const channel of model.channels.values()) {
      const half = LOCAL_HALF.exec(channel.name);
      if (half?.[2] === '2' && half[1]) innerHalf.set(half[1], channel);
      if (channel.dialedBy) dialling.add(channel.dialedBy);
    }
    index = { innerHalf, dialling };
    indexes.set(model, index);
  }
  return index;
}

/**
 * Whether a channel is a person on the call. Any channel of a phone or trunk is. A Local channel is
 * dialplan plumbing (an originate leg, a queue member or ring group leg in front of a phone), except
 * where its chain ends: a `;1` half whose `;2` half is neither bridged with anyone nor dialling
 * anyone stands for the person it was made for (a handset that is itself a Local channel, a queue
 * member still being rung through dialplan). `;2` halves never are: they face the dialplan.
 */
function isParty(channel: ChannelRecord, model: PbxModel): boolean {
  if (channel.name.includes('<')) return false;
  if (MACHINERY.test(channel.name)) return false;
  const half = LOCAL_HALF.exec(channel.name);
  if (!half?.[1]) return true;
  if (half[2] !== '1') return false;
  const index = localIndex(model);
  const inner = index.innerHalf.get(half[1]);
  if (!inner) return true;
  const talking = inner.bridgeId !== undefined && !model.bridges.get(inner.bridgeId)?.holding;
  return !talking && !index.dialling.has(inner.uid);
}

/** The people on a call, oldest first. */
export function partiesOfCall(model: PbxModel, callId: string): ChannelRecord[] {
  return (model.calls.get(callId) ?? [])
    .flatMap((uid) => model.channels.get(uid) ?? [])
    .filter((channel) => isParty(channel, model))
    .sort(compareChannelAge);
}
