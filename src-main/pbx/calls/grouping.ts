import type { ChannelRecord, PbxModel } from './model';

/**
 * Calls are the connected groups of channels: channels in the same (non-holding) bridge, the two
 * halves of a Local channel, and a channel and the one dialling it. Each group keeps the id its
 * oldest channel had, so a call's id survives transfers, Local optimisation and re-bridging; a group
 * that splits off gets a new id.
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
  }

  const groups = new Map<string, ChannelRecord[]>();
  for (const channel of model.channels.values()) {
    const root = find(channel.uid);
    const group = groups.get(root);
    if (group) group.push(channel);
    else groups.set(root, [channel]);
  }

  let nextSeq = model.nextSeq;
  const taken = new Set<string>();
  const channels = new Map(model.channels);
  const calls = new Map<string, readonly string[]>();
  // Groups come in the order of their oldest channel, so the oldest claims a shared id first.
  for (const group of groups.values()) {
    const kept = group.map((channel) => channel.callId).find((id) => id !== '' && !taken.has(id));
    const callId = kept ?? `${model.idPrefix}c${nextSeq++}`;
    taken.add(callId);
    calls.set(
      callId,
      group.map((channel) => channel.uid),
    );
    for (const channel of group) if (channel.callId !== callId) channels.set(channel.uid, { ...channel, callId });
  }
  return { ...model, nextSeq, channels, calls };
}

/** `Local/101@phones-0000000d;1` and `;2` are one Local channel's two halves. */
function localPairKey(name: string): string | undefined {
  if (!name.startsWith('Local/')) return undefined;
  const match = /^(Local\/.+);[12]$/.exec(name);
  return match?.[1];
}
