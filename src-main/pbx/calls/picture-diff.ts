import {
  idOf,
  type ItemOf,
  type PbxPicture,
  type PictureCollection,
  type PicturePatch,
} from '../../../src-preload/state';

/** The patch that turns one collection's items into the next ones; undefined when nothing changed. */
export function diffCollection<C extends PictureCollection>(
  collection: C,
  before: Readonly<Record<string, ItemOf<C>>>,
  after: readonly ItemOf<C>[],
): PicturePatch | undefined {
  const next = new Map(after.map((item) => [idOf(collection, item), item] as const));
  const remove = Object.keys(before).filter((id) => !next.has(id));
  const upsert = [...next].filter(([id, item]) => !sameItem(before[id], item)).map(([, item]) => item);
  if (remove.length === 0 && upsert.length === 0) return undefined;
  return { collection, upsert, remove } as PicturePatch;
}

/** Patches for the call and parking collections between two pictures. */
export function diffCallPicture(before: PbxPicture, after: Pick<PbxPicture, 'calls' | 'parked'>): PicturePatch[] {
  return [
    diffCollection('calls', before.calls, Object.values(after.calls)),
    diffCollection('parked', before.parked, Object.values(after.parked)),
  ].filter((patch): patch is PicturePatch => patch !== undefined);
}

function sameItem(a: unknown, b: unknown): boolean {
  return a === b || (a !== undefined && JSON.stringify(a) === JSON.stringify(b));
}
