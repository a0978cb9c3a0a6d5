import { CHANNEL_STATE } from '../../ami/channel-state';
import type { ChannelRecord, PbxModel } from './model';

/**
 * Calls are the connected groups of channels: channels in the same (non-holding) bridge, the two
 * halves of a Local channel, a channel and the one dialling it, and a channel being set up and the
 * first channel of its linkedid. Ids carry over from the channels' previous call ids, so a call's id
 * survives transfers, Local optimisation and re-bridging; a group that splits off gets a new id.
 */
export function regroupCalls(model: PbxModel): PbxModel {
  return regroup(model, [...model.channels.values()], new Map());
}

/**
 * `after` is `before` (grouped) with events applied: gives what regroupCalls(after) gives, regrouping
 * only the channels whose ties changed, the calls they were in and whatever ties to those; every
 * other call keeps its channels and id. A busy PBX's event touches one call of many.
 */
export function regroupChanged(before: PbxModel, after: PbxModel): PbxModel {
  const touched = touchedChannels(before, after);
  if (!touched) return after;
  const some = [...after.channels.values()].filter((channel) => touched.has(channel.uid));
  return regroup(after, some, before.calls);
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
  const channels = new Map(model.channels);
  const regrouped = new Map<string, readonly string[]>();
  for (const group of groups.values()) {
    const callId = idOfGroup.get(group) ?? `${model.idPrefix}c${nextSeq++}`;
    regrouped.set(
      callId,
      group.map((channel) => channel.uid),
    );
    for (const channel of group) if (channel.callId !== callId) channels.set(channel.uid, { ...channel, callId });
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
 * The channels to regroup, or undefined when the calls stay as they are: each channel that is new or
 * changed in what ties it to another (its name, linkedid, bridge or that bridge's holding, who dials
 * it, whether it is up), the rest of each call that had one of those or lost a channel, and then
 * whatever shares a bridge, Local channel, linkedid or dial with them, until nothing more ties in.
 */
function touchedChannels(before: PbxModel, after: PbxModel): Set<string> | undefined {
  const touched = new Set<string>();
  let changed = false;
  const touchCall = (callId: string) => {
    for (const uid of before.calls.get(callId) ?? []) if (after.channels.has(uid)) touched.add(uid);
  };
  const touch = (channel: ChannelRecord) => {
    touched.add(channel.uid);
    touchCall(channel.callId);
  };
  for (const channel of before.channels.values()) {
    if (after.channels.has(channel.uid)) continue;
    changed = true;
    touchCall(channel.callId);
  }
  const flipped = new Set<string>();
  if (before.bridges !== after.bridges) {
    for (const id of new Set([...before.bridges.keys(), ...after.bridges.keys()]))
      if (holding(before, id) !== holding(after, id)) flipped.add(id);
  }
  for (const channel of after.channels.values()) {
    const was = before.channels.get(channel.uid);
    if (was === channel && !(channel.bridgeId && flipped.has(channel.bridgeId))) continue;
    if (
      was === undefined ||
      was.name !== channel.name ||
      was.linkedId !== channel.linkedId ||
      was.bridgeId !== channel.bridgeId ||
      was.dialedBy !== channel.dialedBy ||
      was.callId !== channel.callId ||
      (was.state === CHANNEL_STATE.up) !== (channel.state === CHANNEL_STATE.up) ||
      (channel.bridgeId !== undefined && flipped.has(channel.bridgeId))
    )
      touch(channel);
  }
  if (touched.size === 0) return changed ? touched : undefined;

  for (let size = 0; size !== touched.size;) {
    size = touched.size;
    const bridges = new Set<string>();
    const pairs = new Set<string>();
    const linkedIds = new Set<string>();
    const dialers = new Set<string>();
    for (const uid of touched) {
      const channel = after.channels.get(uid);
      if (!channel) continue;
      if (channel.bridgeId && !holding(after, channel.bridgeId)) bridges.add(channel.bridgeId);
      const pair = localPairKey(channel.name);
      if (pair) pairs.add(pair);
      if (channel.linkedId) linkedIds.add(channel.linkedId);
      if (channel.dialedBy) dialers.add(channel.dialedBy);
    }
    for (const channel of after.channels.values()) {
      if (touched.has(channel.uid)) continue;
      const pair = localPairKey(channel.name);
      if (
        (channel.bridgeId !== undefined && bridges.has(channel.bridgeId)) ||
        (pair !== undefined && pairs.has(pair)) ||
        (channel.linkedId !== undefined && linkedIds.has(channel.linkedId)) ||
        (channel.dialedBy !== undefined && touched.has(channel.dialedBy)) ||
        dialers.has(channel.uid)
      )
        touch(channel);
    }
  }
  return touched;
}

function holding(model: PbxModel, bridgeId: string): boolean {
  return model.bridges.get(bridgeId)?.holding === true;
}

function isBeingSetUp(channel: ChannelRecord): boolean {
  return channel.state !== CHANNEL_STATE.up && !channel.bridgeId && !channel.dialedBy && channel.linkedId !== undefined;
}

/** `Local/101@phones-0000000d;1` and `;2` are one Local channel's two halves. */
function localPairKey(name: string): string | undefined {
  if (!name.startsWith('Local/')) return undefined;
  const match = /^(Local\/.+);[12]$/.exec(name);
  return match?.[1];
}
