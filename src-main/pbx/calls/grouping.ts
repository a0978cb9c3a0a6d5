import { CHANNEL_STATE } from '../../ami/channel-state';
import type { ChannelRecord, PbxModel } from './model';
import { holding, localPairKey, TieIndex } from './ties';

/**
 * Calls are the connected groups of channels: channels in the same (non-holding) bridge, the two
 * halves of a Local channel, a channel and the one dialling it, and a channel being set up and the
 * first channel of its linkedid. Ids carry over from the channels' previous call ids, so a call's id
 * survives transfers, Local optimisation and re-bridging; a group that splits off gets a new id.
 */
export function regroupCalls(model: PbxModel): PbxModel {
  return regroup(model, [...model.channels.values()], new Map());
}

/** What an event set or deleted in the model: channels by uid, bridges by id. */
export interface ModelChange {
  readonly channels: ReadonlySet<string>;
  readonly bridges: ReadonlySet<string>;
}

/**
 * `after` is `before` (grouped) with `change` applied: gives what regroupCalls(after) gives,
 * regrouping only the channels whose ties changed, the calls they were in and whatever ties to
 * those; every other call keeps its channels and id. A busy PBX's event touches one call of many.
 */
export function regroupChanged(before: PbxModel, after: PbxModel, change: ModelChange): PbxModel {
  TieIndex.moveOn(before.channels, after.channels, change.channels);
  const touched = touchedChannels(before, after, change);
  if (!touched) return after;
  const regrouped = regroup(after, touched, before.calls);
  // Regrouping changes call ids only, which the index does not keep.
  TieIndex.moveOn(after.channels, regrouped.channels, []);
  return regrouped;
}

/**
 * Groups `some` of the model's channels (in the model's order, with every channel tied to them) into
 * calls; the model's other channels stay in their `kept` calls.
 */
function regroup(
  model: PbxModel,
  some: readonly ChannelRecord[],
  kept: ReadonlyMap<string, readonly string[]>,
): PbxModel {
  const parent = new Map(some.map(({ uid }) => [uid, uid]));
  const find = (uid: string): string => {
    let root = uid;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(uid, root);
    return root;
  };
  const union = (a: string, b: string) => {
    if (!parent.has(a) || !parent.has(b)) return;
    const rootA = find(a);
    const rootB = find(b);
    if (rootA !== rootB) parent.set(rootB, rootA);
  };

  const firstInBridge = new Map<string, string>();
  const firstOfLinkedId = new Map<string, string>();
  for (const channel of some) {
    if (channel.linkedId && !firstOfLinkedId.has(channel.linkedId)) firstOfLinkedId.set(channel.linkedId, channel.uid);
  }
  const firstOfLocalPair = new Map<string, string>();
  for (const channel of some) {
    if (channel.bridgeId && !holding(model, channel.bridgeId)) {
      const first = firstInBridge.get(channel.bridgeId);
      if (first) union(first, channel.uid);
      else firstInBridge.set(channel.bridgeId, channel.uid);
    }
    const pair = localPairKey(channel.name);
    if (pair) {
      const first = firstOfLocalPair.get(pair);
      if (first) union(first, channel.uid);
      else firstOfLocalPair.set(pair, channel.uid);
    }
    if (channel.dialedBy) union(channel.dialedBy, channel.uid);
    // A channel still being set up (13+ announces it before the DialBegin that ties it to its caller)
    // joins the call that started it, so it does not flash up as a call of its own.
    if (isBeingSetUp(channel)) union(firstOfLinkedId.get(channel.linkedId ?? '') ?? channel.uid, channel.uid);
  }

  const groups = new Map<string, ChannelRecord[]>();
  for (const channel of some) {
    const root = find(channel.uid);
    const group = groups.get(root);
    if (group) group.push(channel);
    else groups.set(root, [channel]);
  }

  // Each group keeps the old id most of its channels carried; contested ids go to the bigger share,
  // then the older group. Groups left without one get a new id.
  const claims = [...groups.values()].flatMap((group, age) => {
    const counts = new Map<string, number>();
    for (const channel of group)
      if (channel.callId !== '') counts.set(channel.callId, (counts.get(channel.callId) ?? 0) + 1);
    return [...counts].map(([callId, count]) => ({ group, callId, count, age }));
  });
  claims.sort((a, b) => b.count - a.count || a.age - b.age);
  const idOfGroup = new Map<ChannelRecord[], string>();
  const taken = new Set<string>();
  for (const claim of claims) {
    if (idOfGroup.has(claim.group) || taken.has(claim.callId)) continue;
    idOfGroup.set(claim.group, claim.callId);
    taken.add(claim.callId);
  }

  let nextSeq = model.nextSeq;
  let channels = model.channels;
  const setCallId = (channel: ChannelRecord, callId: string) => {
    if (channels === model.channels) channels = new Map(model.channels);
    (channels as Map<string, ChannelRecord>).set(channel.uid, { ...channel, callId });
  };
  const regrouped = new Map<string, readonly string[]>();
  for (const group of groups.values()) {
    const callId = idOfGroup.get(group) ?? `${model.idPrefix}c${nextSeq++}`;
    regrouped.set(
      callId,
      group.map((channel) => channel.uid),
    );
    for (const channel of group) if (channel.callId !== callId) setCallId(channel, callId);
  }
  // In the order of each call's first channel, as grouping every channel would list them.
  const calls = new Map<string, readonly string[]>();
  for (const { callId } of channels.values()) {
    if (calls.has(callId)) continue;
    const uids = regrouped.get(callId) ?? kept.get(callId);
    if (uids) calls.set(callId, uids);
  }
  return { ...model, nextSeq, channels, calls };
}

/**
 * The channels to regroup, in the model's order, or undefined when the calls stay as they are: each
 * channel that is new or changed in what ties it to another (its name, linkedid, bridge or that
 * bridge's holding, who dials it, whether it is up), the rest of each call that had one of those or
 * lost a channel, and then whatever shares a bridge, Local channel, linkedid or dial with them, until
 * nothing more ties in. Only the changed entries are compared; the ties are then followed through
 * one index of the model's channels.
 */
function touchedChannels(before: PbxModel, after: PbxModel, change: ModelChange): ChannelRecord[] | undefined {
  const touched = new Set<string>();
  const queue: string[] = [];
  const add = (uid: string) => {
    if (touched.has(uid) || !after.channels.has(uid)) return;
    touched.add(uid);
    queue.push(uid);
  };
  const touchCall = (callId: string) => {
    for (const uid of before.calls.get(callId) ?? []) add(uid);
  };
  const touch = (channel: ChannelRecord) => {
    add(channel.uid);
    touchCall(channel.callId);
  };
  let removed = false;
  for (const uid of change.channels) {
    const was = before.channels.get(uid);
    const channel = after.channels.get(uid);
    if (!channel) {
      if (was) {
        removed = true;
        touchCall(was.callId);
      }
    } else if (
      was === undefined ||
      was.name !== channel.name ||
      was.linkedId !== channel.linkedId ||
      was.bridgeId !== channel.bridgeId ||
      was.dialedBy !== channel.dialedBy ||
      was.callId !== channel.callId ||
      (was.state === CHANNEL_STATE.up) !== (channel.state === CHANNEL_STATE.up)
    )
      touch(channel);
  }
  for (const id of change.bridges) {
    if (holding(before, id) === holding(after, id)) continue;
    const ties = TieIndex.of(after.channels);
    for (const uid of ties.inBridge(id)) touch(ties.channel(uid));
  }
  if (touched.size === 0) return removed ? [] : undefined;

  const ties = TieIndex.of(after.channels);
  for (let next = 0; next < queue.length; next++) {
    const channel = ties.channel(queue[next]!);
    for (const uid of ties.tiedTo(channel, after)) if (!touched.has(uid)) touch(ties.channel(uid));
  }
  return ties.inOrder(touched);
}

function isBeingSetUp(channel: ChannelRecord): boolean {
  return channel.state !== CHANNEL_STATE.up && !channel.bridgeId && !channel.dialedBy && channel.linkedId !== undefined;
}
