import {
  PICTURE_COLLECTIONS,
  idOf,
  type ItemOf,
  type PbxPicture,
  type PictureCollection,
  type PicturePatch,
} from '../../src-preload/state';

type PatchListener = (patch: PicturePatch) => void;

/** The operator's current picture of the PBX, kept in main; every change is announced as a patch. */
export class PictureStore {
  private readonly collections = new Map<PictureCollection, Map<string, ItemOf<PictureCollection>>>(
    PICTURE_COLLECTIONS.map((collection) => [collection, new Map()]),
  );
  private readonly listeners = new Set<PatchListener>();

  onPatch(listener: PatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  get<C extends PictureCollection>(collection: C, id: string): ItemOf<C> | undefined {
    return this.items(collection).get(id);
  }

  values<C extends PictureCollection>(collection: C): ItemOf<C>[] {
    return [...this.items(collection).values()];
  }

  snapshot(): PbxPicture {
    const picture = {} as Record<PictureCollection, Record<string, unknown>>;
    for (const collection of PICTURE_COLLECTIONS) picture[collection] = Object.fromEntries(this.items(collection));
    return picture as unknown as PbxPicture;
  }

  upsert<C extends PictureCollection>(collection: C, items: readonly ItemOf<C>[]): void {
    if (items.length === 0) return;
    const map = this.items(collection);
    for (const item of items) map.set(idOf(collection, item), item);
    this.announce({ collection, upsert: items, remove: [] } as PicturePatch);
  }

  remove(collection: PictureCollection, ids: readonly string[]): void {
    const map = this.items(collection);
    const removed = ids.filter((id) => map.delete(id));
    if (removed.length > 0) this.announce({ collection, upsert: [], remove: removed });
  }

  /** Makes a collection exactly `items`: what is gone is removed, what is new or changed is upserted. */
  replace<C extends PictureCollection>(collection: C, items: readonly ItemOf<C>[]): void {
    const map = this.items(collection);
    const next = new Map(items.map((item) => [idOf(collection, item), item] as const));
    const removed = [...map.keys()].filter((id) => !next.has(id));
    const changed = [...next.values()].filter((item) => !sameItem(map.get(idOf(collection, item)), item));
    map.clear();
    for (const [id, item] of next) map.set(id, item);
    if (removed.length > 0 || changed.length > 0)
      this.announce({ collection, upsert: changed, remove: removed } as PicturePatch);
  }

  clear(): void {
    for (const collection of PICTURE_COLLECTIONS) this.replace(collection, []);
  }

  private items<C extends PictureCollection>(collection: C): Map<string, ItemOf<C>> {
    return this.collections.get(collection) as Map<string, ItemOf<C>>;
  }

  private announce(patch: PicturePatch): void {
    for (const listener of this.listeners) listener(patch);
  }
}

/**
 * Whether two items of the picture (plain data, as the bridge carries it) say the same: compared
 * value by value, a key left out and one set to undefined alike, as in JSON.
 */
export function sameItem(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key of Object.keys(left)) if (!sameItem(left[key], right[key])) return false;
  for (const key of Object.keys(right)) if (!(key in left) && right[key] !== undefined) return false;
  return true;
}
