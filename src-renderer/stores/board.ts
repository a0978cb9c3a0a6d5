import { defineStore } from 'pinia';
import { computed, nextTick, shallowReactive, shallowRef, toRaw } from 'vue';
import type { PictureBatch } from '../../src-preload/contract';
import {
  LAMP_STATES,
  applyPatch,
  emptyPicture,
  type ExtensionTile,
  type LampState,
  type PbxPicture,
} from '../../src-preload/state';
import { switchboard, unwrap } from '../services/switchboard';
import { usePrefsStore } from './prefs';

export interface TileGroup {
  readonly key: string;
  readonly context: string | undefined;
  /** The operator's favourites, shown first; their tiles are not repeated in their context. */
  readonly favourites?: boolean;
  /** Its tiles' ids in board order: a group changes when tiles come, go or are filtered, not when one changes. */
  readonly ids: readonly string[];
}

// Made once: a numeric localeCompare builds a collator on every call, which on a board of
// 1,000 tiles was most of the page's time.
const numeric = new Intl.Collator(undefined, { numeric: true });
const plain = new Intl.Collator();
const byExtension = (a: ExtensionTile, b: ExtensionTile) =>
  numeric.compare(a.exten, b.exten) || plain.compare(a.context, b.context);

/** Where `tile` goes in `sorted` (binary search): comparisons grow with log n, not n. */
function insertionPoint(sorted: readonly ExtensionTile[], tile: ExtensionTile): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (byExtension(sorted[middle]!, tile) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** What the filter box searches in a tile, lower-cased once per tile object (a changed tile is a new object). */
const searchText = new WeakMap<ExtensionTile, string>();
function matches(tile: ExtensionTile, wanted: string): boolean {
  if (!wanted) return true;
  let text = searchText.get(tile);
  if (text === undefined) {
    text = [tile.exten, tile.name, tile.hint, tile.context].join('\n').toLowerCase();
    searchText.set(tile, text);
  }
  return text.includes(wanted);
}

const MAX_INSERTS = 32;

function countLamps(tiles: readonly ExtensionTile[]): Record<LampState, number> {
  const counts = Object.fromEntries(LAMP_STATES.map((lamp) => [lamp, 0])) as Record<LampState, number>;
  for (const tile of tiles) counts[tile.lamp] += 1;
  return counts;
}

export const useBoardStore = defineStore('board', () => {
  const prefs = usePrefsStore();
  const picture = shallowRef<PbxPicture>(emptyPicture());
  /** The tiles in board order, kept up to date batch by batch: a batch costs what it changed. */
  const tiles = shallowRef<readonly ExtensionTile[]>([]);
  /** The ids of `tiles`, a new list only when tiles come or go: the board's layout follows this. */
  const order = shallowRef<readonly string[]>([]);
  /** Each tile by id, watched key by key: a tile on screen renders again when its own tile changes. */
  const tileById = shallowReactive(new Map<string, ExtensionTile>());
  /** Tiles per lamp state on the whole board, moved tile by tile as lamps change. */
  const lampCounts = shallowRef(countLamps([]));
  /** The tiles of the PBX users the phonebook found for the typed filter (any part of a name, accents ignored). */
  const phonebookTileIds = shallowRef<ReadonlySet<string>>(new Set());
  let positions = new Map<string, number>();
  let version = -1;

  function placed(next: readonly ExtensionTile[]): void {
    tiles.value = next;
    order.value = next.map((tile) => tile.id);
    positions = new Map(next.map((tile, index) => [tile.id, index]));
  }

  function sortAll(extensions: PbxPicture['extensions']): void {
    const sorted = Object.values(extensions).sort(byExtension);
    tileById.clear();
    for (const tile of sorted) tileById.set(tile.id, tile);
    lampCounts.value = countLamps(sorted);
    placed(sorted);
  }

  /** Brings `tiles` in line with a batch: changed tiles replaced in place, new ones inserted where they sort. */
  function reorder(extensions: PbxPicture['extensions'], changed: ReadonlySet<string>): void {
    let next = tiles.value.slice();
    const added: ExtensionTile[] = [];
    const removed = new Set<string>();
    const counts = { ...lampCounts.value };
    let countsMoved = false;
    for (const id of changed) {
      const tile = extensions[id];
      const [lamp, lampWas] = [tile?.lamp, toRaw(tileById).get(id)?.lamp];
      if (lamp !== lampWas) {
        if (lampWas) counts[lampWas] -= 1;
        if (lamp) counts[lamp] += 1;
        countsMoved = true;
      }
      if (tile) tileById.set(id, tile);
      else tileById.delete(id);
      const at = positions.get(id);
      if (tile && at !== undefined) next[at] = tile;
      else if (tile) added.push(tile);
      else if (at !== undefined) removed.add(id);
    }
    if (countsMoved) lampCounts.value = counts;
    if (added.length === 0 && removed.size === 0) {
      tiles.value = next;
      return;
    }
    // Inserting one by one beats a full sort only for a few new tiles (a rebuild brings them all).
    if (added.length > MAX_INSERTS) return sortAll(extensions);
    if (removed.size > 0) next = next.filter((tile) => !removed.has(tile.id));
    for (const tile of added) next.splice(insertionPoint(next, tile), 0, tile);
    placed(next);
  }

  const filtering = computed(
    () => prefs.contexts.length > 0 || prefs.standingFilter.trim() !== '' || prefs.filter.trim() !== '',
  );
  let lastFiltered: readonly string[] = [];
  /** The ids of the tiles shown: without a filter the board's order, so a changed tile changes nothing here. */
  const visibleIds = computed<readonly string[]>(() => {
    if (!filtering.value) return order.value;
    const contexts = prefs.contexts;
    const standing = prefs.standingFilter.trim().toLowerCase();
    const typed = prefs.filter.trim().toLowerCase();
    const ids = tiles.value
      .filter(
        (tile) =>
          (contexts.length === 0 || contexts.includes(tile.context)) &&
          matches(tile, standing) &&
          (matches(tile, typed) || phonebookTileIds.value.has(tile.id)),
      )
      .map((tile) => tile.id);
    // The same tiles shown as before keep the same list, so the board is not laid out again.
    if (ids.length !== lastFiltered.length || ids.some((id, at) => id !== lastFiltered[at])) lastFiltered = ids;
    return lastFiltered;
  });
  const visibleTiles = computed(() => visibleIds.value.map((id) => tileById.get(id)!));
  const groups = computed<TileGroup[]>(() => {
    const pinned = new Set(prefs.favourites);
    const visible = pinned.size === 0 ? new Set<string>() : new Set(visibleIds.value);
    const favourites: TileGroup[] =
      pinned.size === 0
        ? []
        : [
            {
              key: '*favourites',
              context: undefined,
              favourites: true,
              ids: prefs.favourites.filter((id) => visible.has(id)),
            },
          ].filter((group) => group.ids.length > 0);
    const rest = pinned.size === 0 ? visibleIds.value : visibleIds.value.filter((id) => !pinned.has(id));
    if (prefs.grouping === 'none') return [...favourites, { key: '*', context: undefined, ids: rest }];
    const byContext = new Map<string, string[]>();
    // A tile's context is part of what it is (its id): read without watching, so no change of a
    // tile's lamp or name has the groups made again.
    const all = toRaw(tileById);
    for (const id of rest) {
      const context = all.get(id)!.context;
      const list = byContext.get(context) ?? [];
      list.push(id);
      byContext.set(context, list);
    }
    return [
      ...favourites,
      ...[...byContext.entries()]
        .sort(([a], [b]) => plain.compare(a, b))
        .map(([context, list]) => ({ key: context, context, ids: list })),
    ];
  });
  /** The header's counts: of the tiles shown, so they follow the filter. */
  const countsByLamp = computed(() => (filtering.value ? countLamps(visibleTiles.value) : lampCounts.value));

  function receive(batch: PictureBatch): void {
    if (batch.version <= version) return;
    version = batch.version;
    picture.value = batch.patches.reduce(applyPatch, picture.value);
    const changed = new Set<string>();
    for (const patch of batch.patches) {
      if (patch.collection !== 'extensions') continue;
      for (const id of patch.remove) changed.add(id);
      for (const tile of patch.upsert) changed.add(tile.id);
    }
    if (changed.size > 0) reorder(picture.value.extensions, changed);
  }

  /** Takes the snapshot, then follows patches; returns the unsubscribe for the app's teardown. */
  function follow(): () => void {
    const early: PictureBatch[] = [];
    let ready = false;
    const stop = switchboard().picture.onPatch((batch) => {
      if (ready) receive(batch);
      else early.push(batch);
      // Main sends the next batch once this one is on screen, folding what changed meanwhile.
      void nextTick(() => switchboard().picture.taken({ version: batch.version }));
    });
    void unwrap(switchboard().picture.subscribe()).then((snapshot) => {
      picture.value = snapshot.picture;
      sortAll(snapshot.picture.extensions);
      version = snapshot.version;
      ready = true;
      early.forEach(receive);
    });
    return stop;
  }

  return {
    picture,
    tiles,
    order,
    tileById,
    phonebookTileIds,
    visibleIds,
    visibleTiles,
    groups,
    countsByLamp,
    receive,
    follow,
  };
});
