import type { ChannelRecord, PbxModel } from './model';

/**
 * A model's channels by each thing that ties one to another, and their order. It is handed on from
 * a model to the next (by their channels maps) and brought up to date with the channels an event
 * changed, so that an event costs no pass over every channel; a model reduced a second time, whose
 * index has moved on, gets a fresh one.
 */
export class TieIndex {
  private static readonly ofChannels = new WeakMap<ReadonlyMap<string, ChannelRecord>, TieIndex>();
  private readonly position = new Map<string, number>();
  private nextPosition = 0;
  private readonly byBridge = new Map<string, string[]>();
  private readonly byLocalPair = new Map<string, string[]>();
  private readonly byLinkedId = new Map<string, string[]>();
  private readonly byDialer = new Map<string, string[]>();

  private constructor(private channels: ReadonlyMap<string, ChannelRecord>) {
    for (const channel of channels.values()) this.add(channel);
  }

  static of(channels: ReadonlyMap<string, ChannelRecord>): TieIndex {
    let index = TieIndex.ofChannels.get(channels);
    if (!index) {
      index = new TieIndex(channels);
      TieIndex.ofChannels.set(channels, index);
    }
    return index;
  }

  /** `to` is `from` with the channels `changed` set or deleted (a set channel keeps its place in the order). */
  static moveOn(
    from: ReadonlyMap<string, ChannelRecord>,
    to: ReadonlyMap<string, ChannelRecord>,
    changed: Iterable<string>,
  ): void {
    const index = TieIndex.ofChannels.get(from);
    if (!index || from === to) return;
    TieIndex.ofChannels.delete(from);
    for (const uid of changed) {
      const was = from.get(uid);
      const channel = to.get(uid);
      if (was === channel) continue;
      if (was) index.remove(was, channel === undefined);
      if (channel) index.add(channel);
    }
    index.channels = to;
    TieIndex.ofChannels.set(to, index);
  }

  channel(uid: string): ChannelRecord {
    const channel = this.channels.get(uid);
    if (!channel) throw new Error(`no channel ${uid}`);
    return channel;
  }

  inBridge(bridgeId: string): readonly string[] {
    return this.byBridge.get(bridgeId) ?? [];
  }

  /** The uids of the channels tied to `channel` in `model` (itself among them, maybe). */
  *tiedTo(channel: ChannelRecord, model: PbxModel): Iterable<string> {
    if (channel.bridgeId && !holding(model, channel.bridgeId)) yield* this.inBridge(channel.bridgeId);
    const pair = localPairKey(channel.name);
    if (pair) yield* this.byLocalPair.get(pair) ?? [];
    if (channel.linkedId) yield* this.byLinkedId.get(channel.linkedId) ?? [];
    yield* this.byDialer.get(channel.uid) ?? [];
    if (channel.dialedBy && this.channels.has(channel.dialedBy)) yield channel.dialedBy;
  }

  inOrder(uids: ReadonlySet<string>): ChannelRecord[] {
    return [...uids].sort((a, b) => this.position.get(a)! - this.position.get(b)!).map((uid) => this.channel(uid));
  }

  private add(channel: ChannelRecord): void {
    const { uid } = channel;
    if (!this.position.has(uid)) this.position.set(uid, this.nextPosition++);
    if (channel.bridgeId) listUnder(this.byBridge, channel.bridgeId, uid);
    const pair = localPairKey(channel.name);
    if (pair) listUnder(this.byLocalPair, pair, uid);
    if (channel.linkedId) listUnder(this.byLinkedId, channel.linkedId, uid);
    if (channel.dialedBy) listUnder(this.byDialer, channel.dialedBy, uid);
  }

  private remove(channel: ChannelRecord, gone: boolean): void {
    const { uid } = channel;
    if (gone) this.position.delete(uid);
    if (channel.bridgeId) unlistUnder(this.byBridge, channel.bridgeId, uid);
    const pair = localPairKey(channel.name);
    if (pair) unlistUnder(this.byLocalPair, pair, uid);
    if (channel.linkedId) unlistUnder(this.byLinkedId, channel.linkedId, uid);
    if (channel.dialedBy) unlistUnder(this.byDialer, channel.dialedBy, uid);
  }
}

function listUnder(index: Map<string, string[]>, key: string, uid: string): void {
  const list = index.get(key);
  if (list) list.push(uid);
  else index.set(key, [uid]);
}

function unlistUnder(index: Map<string, string[]>, key: string, uid: string): void {
  const list = index.get(key);
  if (!list) return;
  const at = list.indexOf(uid);
  if (at >= 0) list.splice(at, 1);
  if (list.length === 0) index.delete(key);
}

export function holding(model: PbxModel, bridgeId: string): boolean {
  return model.bridges.get(bridgeId)?.holding === true;
}

/** `Local/101@phones-0000000d;1` and `;2` are one Local channel's two halves. */
export function localPairKey(name: string): string | undefined {
  if (!name.startsWith('Local/')) return undefined;
  const match = /^(Local\/.+);[12]$/.exec(name);
  return match?.[1];
}
