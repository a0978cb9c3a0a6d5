import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
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
  readonly tiles: readonly ExtensionTile[];
}

const byExtension = (a: ExtensionTile, b: ExtensionTile) =>
  a.exten.localeCompare(b.exten, undefined, { numeric: true }) || a.context.localeCompare(b.context);

export function matchesFilter(tile: ExtensionTile, filter: string): boolean {
  const wanted = filter.trim().toLowerCase();
  if (!wanted) return true;
  return [tile.exten, tile.name, tile.hint, tile.context].some((text) => text.toLowerCase().includes(wanted));
}

export const useBoardStore = defineStore('board', () => {
  const prefs = usePrefsStore();
  const picture = shallowRef<PbxPicture>(emptyPicture());
  let version = -1;

  const tiles = computed(() => Object.values(picture.value.extensions).sort(byExtension));
  const shownByProfile = (tile: ExtensionTile) =>
    (prefs.contexts.length === 0 || prefs.contexts.includes(tile.context)) && matchesFilter(tile, prefs.standingFilter);
  const visibleTiles = computed(() =>
    tiles.value.filter((tile) => shownByProfile(tile) && matchesFilter(tile, prefs.filter)),
  );
  const groups = computed<TileGroup[]>(() => {
    if (prefs.grouping === 'none') return [{ key: '*', context: undefined, tiles: visibleTiles.value }];
    const byContext = new Map<string, ExtensionTile[]>();
    for (const tile of visibleTiles.value) {
      const list = byContext.get(tile.context) ?? [];
      list.push(tile);
      byContext.set(tile.context, list);
    }
    return [...byContext.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([context, list]) => ({ key: context, context, tiles: list }));
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
  }

  /** Takes the snapshot, then follows patches; returns the unsubscribe for the app's teardown. */
  function follow(): () => void {
    const early: PictureBatch[] = [];
    let ready = false;
    const stop = switchboard().picture.onPatch((batch) => (ready ? receive(batch) : early.push(batch)));
    void unwrap(switchboard().picture.subscribe()).then((snapshot) => {
      picture.value = snapshot.picture;
      version = snapshot.version;
      ready = true;
      early.forEach(receive);
    });
    return stop;
  }

  return { picture, tiles, visibleTiles, groups, countsByLamp, receive, follow };
});
