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
type Pending = Map<PictureCollection, Map<string, ItemOf<PictureCollection> | typeof REMOVED>>;

/**
 * Serves the picture to windows: a snapshot when a window subscribes, then coalesced batches,
 * at most one per frame, holding only the latest value of each changed item. A burst of
 * thousands of AMI events thus becomes a handful of IPC messages.
 */
export class PictureFeed {
  private readonly subscribers = new Map<string, Sender>();
  private pending: Pending = new Map();
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
    if (!this.subscribers.has(sender.id)) {
      this.subscribers.set(sender.id, sender);
      sender.onClosed(() => this.subscribers.delete(sender.id));
    }
    // Pending changes are already in the store; re-applying them from the next batch is harmless.
    return { version: this.version, picture: this.store.snapshot() };
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
    let changes = this.pending.get(patch.collection);
    if (!changes)
      this.pending.set(patch.collection, (changes = new Map<string, ItemOf<PictureCollection> | typeof REMOVED>()));
    for (const id of patch.remove) changes.set(id, REMOVED);
    for (const item of patch.upsert) changes.set(idOf(patch.collection, item), item);
    this.cancelFlush ??= this.schedule(() => this.flush());
  }

  private flush(): void {
    this.cancelFlush = undefined;
    const pending = this.pending;
    this.pending = new Map();
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
    for (const sender of this.subscribers.values()) sender.send('picture:patch', { version: this.version, patches });
  }
}
