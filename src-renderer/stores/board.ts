import { defineStore } from 'pinia';
import { computed, nextTick, shallowRef } from 'vue';
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
  readonly tiles: readonly ExtensionTile[];
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

export const useBoardStore = defineStore('board', () => {
  const prefs = usePrefsStore();
  const picture = shallowRef<PbxPicture>(emptyPicture());
  /** The tiles in board order, kept up to date batch by batch: a batch costs what it changed. */
  const tiles = shallowRef<readonly ExtensionTile[]>([]);
  /** The tiles of the PBX users the phonebook found for the typed filter (any part of a name, accents ignored). */
  const phonebookTileIds = shallowRef<ReadonlySet<string>>(new Set());
  let positions = new Map<string, number>();
  let version = -1;

  function sortAll(extensions: PbxPicture['extensions']): void {
    const sorted = Object.values(extensions).sort(byExtension);
    tiles.value = sorted;
    positions = new Map(sorted.map((tile, index) => [tile.id, index]));
  }

  /** Brings `tiles` in line with a batch: changed tiles replaced in place, new ones inserted where they sort. */
  function reorder(extensions: PbxPicture['extensions'], changed: ReadonlySet<string>): void {
    let next = tiles.value.slice();
    const added: ExtensionTile[] = [];
    const removed = new Set<string>();
    for (const id of changed) {
      const tile = extensions[id];
      const at = positions.get(id);
      if (tile && at !== undefined) next[at] = tile;
      else if (tile) added.push(tile);
      else if (at !== undefined) removed.add(id);
    }
    if (added.length === 0 && removed.size === 0) {
      tiles.value = next;
      return;
    }
    // Inserting one by one beats a full sort only for a few new tiles (a rebuild brings them all).
    if (added.length > MAX_INSERTS) return sortAll(extensions);
    if (removed.size > 0) next = next.filter((tile) => !removed.has(tile.id));
    for (const tile of added) next.splice(insertionPoint(next, tile), 0, tile);
    tiles.value = next;
    positions = new Map(next.map((tile, index) => [tile.id, index]));
  }

  const visibleTiles = computed(() => {
    const contexts = prefs.contexts;
    const standing = prefs.standingFilter.trim().toLowerCase();
    const typed = prefs.filter.trim().toLowerCase();
    if (contexts.length === 0 && !standing && !typed) return tiles.value;
    return tiles.value.filter(
      (tile) =>
        (contexts.length === 0 || contexts.includes(tile.context)) &&
        matches(tile, standing) &&
        (matches(tile, typed) || phonebookTileIds.value.has(tile.id)),
    );
  });
  const groups = computed<TileGroup[]>(() => {
    const pinned = new Set(prefs.favourites);
    const visible = pinned.size === 0 ? new Set<ExtensionTile>() : new Set(visibleTiles.value);
    const favourites: TileGroup[] =
      pinned.size === 0
        ? []
        : [
            {
              key: '*favourites',
              context: undefined,
              favourites: true,
              tiles: prefs.favourites.flatMap((id) => {
                const tile = picture.value.extensions[id];
                return tile && visible.has(tile) ? [tile] : [];
              }),
            },
          ].filter((group) => group.tiles.length > 0);
    const rest = pinned.size === 0 ? visibleTiles.value : visibleTiles.value.filter((tile) => !pinned.has(tile.id));
    if (prefs.grouping === 'none') return [...favourites, { key: '*', context: undefined, tiles: rest }];
    const byContext = new Map<string, ExtensionTile[]>();
    for (const tile of rest) {
      const list = byContext.get(tile.context) ?? [];
      list.push(tile);
      byContext.set(tile.context, list);
    }
    return [
      ...favourites,
      ...[...byContext.entries()]
        .sort(([a], [b]) => plain.compare(a, b))
        .map(([context, list]) => ({ key: context, context, tiles: list })),
    ];
  });
  /** The header's counts: of the tiles shown, so they follow the filter. */
  const countsByLamp = computed(() => {
    const counts = Object.fromEntries(LAMP_STATES.map((lamp) => [lamp, 0])) as Record<LampState, number>;
    for (const tile of visibleTiles.value) counts[tile.lamp] += 1;
    return counts;
  });

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

  return { picture, tiles, phonebookTileIds, visibleTiles, groups, countsByLamp, receive, follow };
});
