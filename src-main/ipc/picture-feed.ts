import type { PictureSnapshot } from '../../src-preload/contract';
import {
  PICTURE_COLLECTIONS,
  idOf,
  type PictureCollection,
  type PicturePatch,
  type ItemOf,
} from '../../src-preload/state';
import type { PictureStore } from '../pbx/picture-store';
import type { Sender } from './gatekeeper';

/** Schedules one flush; returns a canceller. About one animation frame by default. */
export type FlushScheduler = (flush: () => void) => () => void;

export const FRAME_MS = 16;
const frameScheduler: FlushScheduler = (flush) => {
  const timer = setTimeout(flush, FRAME_MS);
  return () => clearTimeout(timer);
};

const REMOVED = Symbol('removed');
type Change = ItemOf<PictureCollection> | typeof REMOVED;
type Pending = Map<PictureCollection, Map<string, Change>>;

/** One subscribed window: what it has not been sent yet, and the batch it has not taken yet. */
interface Subscriber {
  readonly sender: Sender;
  pending: Pending;
  /** Version of the batch sent and not yet taken; nothing more goes out until it is. */
  unacknowledged: number | undefined;
  /** A frame passed while the window was busy: its pending changes go out as soon as it takes the last batch. */
  overdue: boolean;
}

/**
 * Serves the picture to windows: a snapshot when a window subscribes, then coalesced batches,
 * at most one per frame, holding only the latest value of each changed item. A burst of
 * thousands of AMI events thus becomes a handful of IPC messages.
 *
 * Flow control: a window gets its next batch only once it has taken the last one. Whatever
 * changes meanwhile folds into its pending batch (one entry per item, the latest), so a page
 * slower than the PBX shows the latest state of every tile, never a queue of stale ones; and
 * what waits for a window is bounded by the size of the picture.
 */
export class PictureFeed {
  private readonly subscribers = new Map<string, Subscriber>();
  private cancelFlush: (() => void) | undefined;
  private version = 0;
  private readonly stopListening: () => void;

  constructor(
    private readonly store: PictureStore,
    private readonly schedule: FlushScheduler = frameScheduler,
  ) {
    this.stopListening = store.onPatch((patch) => this.collect(patch));
  }

  subscribe(sender: Sender): PictureSnapshot {
    const known = this.subscribers.get(sender.id);
    if (!known) sender.onClosed(() => this.subscribers.delete(sender.id));
    // The snapshot holds every change so far: nothing is pending or awaited for this window any more.
    this.subscribers.set(sender.id, { sender, pending: new Map(), unacknowledged: undefined, overdue: false });
    return { version: this.version, picture: this.store.snapshot() };
  }

  /** The window has applied the batch of this version: it may have the next. */
  taken(sender: Sender, version: number): void {
    const subscriber = this.subscribers.get(sender.id);
    if (subscriber?.unacknowledged !== version) return;
    subscriber.unacknowledged = undefined;
    if (subscriber.overdue) this.send(subscriber);
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  dispose(): void {
    this.stopListening();
    this.cancelFlush?.();
    this.subscribers.clear();
  }

  private collect(patch: PicturePatch): void {
    if (this.subscribers.size === 0) return;
    for (const subscriber of this.subscribers.values()) {
      let changes = subscriber.pending.get(patch.collection);
      if (!changes) subscriber.pending.set(patch.collection, (changes = new Map<string, Change>()));
      for (const id of patch.remove) changes.set(id, REMOVED);
      for (const item of patch.upsert) changes.set(idOf(patch.collection, item), item);
    }
    this.cancelFlush ??= this.schedule(() => this.flush());
  }

  private flush(): void {
    this.cancelFlush = undefined;
    for (const subscriber of this.subscribers.values()) {
      if (subscriber.pending.size === 0) continue;
      if (subscriber.unacknowledged === undefined) this.send(subscriber);
      else subscriber.overdue = true;
    }
  }

  private send(subscriber: Subscriber): void {
    const pending = subscriber.pending;
    subscriber.pending = new Map();
    subscriber.overdue = false;
    const patches: PicturePatch[] = [];
    for (const collection of PICTURE_COLLECTIONS) {
      const changes = pending.get(collection);
      if (!changes) continue;
      const upsert: ItemOf<PictureCollection>[] = [];
      const remove: string[] = [];
      for (const [id, item] of changes) {
        if (item === REMOVED) remove.push(id);
        else upsert.push(item);
      }
      patches.push({ collection, upsert, remove } as PicturePatch);
    }
    if (patches.length === 0) return;
    this.version += 1;
    subscriber.unacknowledged = this.version;
    subscriber.sender.send('picture:patch', { version: this.version, patches });
  }
}
