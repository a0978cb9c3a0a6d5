import { CHANNEL_STATE } from '../../ami/channel-state';
import type { ChannelRecord, PbxModel } from './model';

/**
 * Calls are the connected groups of channels: channels in the same (non-holding) bridge, the two
 * halves of a Local channel, a channel and the one dialling it, and a channel being set up and the
 * first channel of its linkedid. Ids carry over from the channels' previous call ids, so a call's id
 * survives transfers, Local optimisation and re-bridging; a group that splits off gets a new id.
 */
export function regroupCalls(model: PbxModel): PbxModel {
  const uids = [...model.channels.keys()];
  const parent = new Map(uids.map((uid) => [uid, uid]));
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
  for (const channel of model.channels.values()) {
    if (channel.linkedId && !firstOfLinkedId.has(channel.linkedId)) firstOfLinkedId.set(channel.linkedId, channel.uid);
  }
  const firstOfLocalPair = new Map<string, string>();
  for (const channel of model.channels.values()) {
    if (channel.bridgeId && !model.bridges.get(channel.bridgeId)?.holding) {
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
  for (const channel of model.channels.values()) {
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
  const calls = new Map<string, readonly string[]>();
  for (const group of groups.values()) {
    const callId = idOfGroup.get(group) ?? `${model.idPrefix}c${nextSeq++}`;
    calls.set(
      callId,
      group.map((channel) => channel.uid),
    );
    for (const channel of group) if (channel.callId !== callId) channels.set(channel.uid, { ...channel, callId });
  }
  return { ...model, nextSeq, channels, calls };
}

/**
 * Whether `after` groups into the calls `before` has: the same channels in the same order and the
 * same bridges, none changed in what ties it to another (its name, linkedid, bridge, who dials it,
 * whether it is up) or in its call id. Regrouping it would then give back `before`'s calls.
 */
export function sameGrouping(before: PbxModel, after: PbxModel): boolean {
  if (before.channels.size !== after.channels.size || before.bridges.size !== after.bridges.size) return false;
  for (const [id, bridge] of after.bridges) if (before.bridges.get(id)?.holding !== bridge.holding) return false;
  const earlier = before.channels.values();
  for (const channel of after.channels.values()) {
    const was = earlier.next().value;
    if (was === channel) continue;
    if (
      was === undefined ||
      was.uid !== channel.uid ||
      was.name !== channel.name ||
      was.linkedId !== channel.linkedId ||
      was.bridgeId !== channel.bridgeId ||
      was.dialedBy !== channel.dialedBy ||
      was.callId !== channel.callId ||
      (was.state === CHANNEL_STATE.up) !== (channel.state === CHANNEL_STATE.up)
    )
      return false;
  }
  return true;
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
