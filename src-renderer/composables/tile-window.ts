import { computed, nextTick, onMounted, onUnmounted, ref, shallowRef, watch, type Directive, type Ref } from 'vue';
import type { TileGroup } from '../stores/board';
import type { TileSize } from '../stores/prefs';
import { TILE_GRID, columnsFor, gridItems, neighbourOf, type GridItem } from './tile-grid';
import { inNextFrame, updateRanges, type DrawnRanges } from './drawn-ranges';
import { entryHeights } from './entry-heights';

/** A board up to this many tiles draws every one (every board the e2e suite shows); a bigger one draws what is near view. */
const DRAW_ALL_UP_TO = 240;
/** Rows drawn beyond the view, above and below it, in view heights: a scroll finds them ready. */
const MARGIN_VIEWS = 1;
/** A row's height before any tile was measured (a tile without calls at the normal size). */
const FIRST_GUESS_PX = 80;
const TILE = '[data-extension]';

/**
 * The board's tiles in a grid whose column count the page decides (so that arrow keys and the
 * drawing agree), and on a big board only the rows in or near view drawn: a lamp that changes
 * off-screen costs the page no element, no style and no layout. Every other row stays as a stand-in
 * of its height, so the scrollbar is the whole board's. The focused tile's row is always drawn, and
 * `reveal` draws a tile's row before focus moves there, so the keyboard reaches every tile.
 */
export function useTileWindow(
  board: Ref<HTMLElement | undefined>,
  groups: () => readonly TileGroup[],
  size: () => TileSize,
) {
  const width = ref(0);
  let remPx = 16;
  const columns = computed(() => columnsFor(width.value, size(), remPx));
  const gapPx = computed(() => TILE_GRID[size()].gapRem * remPx);
  const windowed = computed(() => groups().reduce((sum, group) => sum + group.ids.length, 0) > DRAW_ALL_UP_TO);
  /**
   * Rows drawn per group, first and last; a group not yet placed draws one view's worth of rows, no
   * margin: the board's first picture (a login to 1,000 tiles) mounts the fewest tiles, the margin follows when placed.
   */
  const ranges = shallowRef<DrawnRanges>(new Map());
  /** The tile that must stay drawn: the focused one, or the one focus is about to move to. */
  const pinned = ref<string | undefined>();
  /** Keyed by extension: the board's own, which last the session, so nothing needs forgetting. */
  const heights = entryHeights(FIRST_GUESS_PX);

  function rowHeightPx(ids: TileGroup['ids'], row: number): number {
    let tallest = 0;
    for (const id of ids.slice(row * columns.value, (row + 1) * columns.value))
      tallest = Math.max(tallest, heights.heightOf(id));
    return tallest;
  }

  const items = computed(() => {
    const byGroup = new Map<string, GridItem[]>();
    const firstScreen = Math.ceil(window.innerHeight / heights.guessPx());
    for (const group of groups()) {
      const [first, last] = ranges.value.get(group.key) ?? [0, firstScreen];
      const at = pinned.value ? group.ids.indexOf(pinned.value) : -1;
      const pinnedRow = at < 0 ? -1 : Math.floor(at / columns.value);
      const drawn = (row: number) => !windowed.value || (row >= first && row <= last) || row === pinnedRow;
      byGroup.set(
        group.key,
        gridItems(group.ids, columns.value, drawn, (row) => rowHeightPx(group.ids, row), gapPx.value),
      );
    }
    return byGroup;
  });

  /** Finds each group's rows in or near view, from the heights the drawn tiles were last seen at. */
  function place(): void {
    const element = board.value;
    if (!element || !windowed.value) return;
    const box = element.getBoundingClientRect();
    const viewTop = element.scrollTop - MARGIN_VIEWS * element.clientHeight;
    const viewBottom = element.scrollTop + (1 + MARGIN_VIEWS) * element.clientHeight;
    const next = new Map<string, readonly [number, number]>();
    for (const group of groups()) {
      const grid = element.querySelector<HTMLElement>(`[data-tile-grid="${CSS.escape(group.key)}"]`);
      if (!grid) continue;
      let top = grid.getBoundingClientRect().top - box.top + element.scrollTop;
      let first = -1;
      let last = -1;
      const rows = Math.ceil(group.ids.length / columns.value);
      for (let row = 0; row < rows && top <= viewBottom; row++) {
        const bottom = top + rowHeightPx(group.ids, row);
        if (bottom >= viewTop) {
          if (first < 0) first = row;
          last = row;
        }
        top = bottom + gapPx.value;
      }
      next.set(group.key, [first, last]);
    }
    updateRanges(ranges, next);
  }

  const { schedule, cancel } = inNextFrame(place);

  // A drawn tile's height is learnt when it is first laid out and when it changes (a call comes or
  // goes), after the page's own layout: reading every drawn tile's height in each frame that
  // brought a batch forced a layout of the board per batch, and most batches change no height.
  const tileSizes = new ResizeObserver((entries) => {
    const drawn = entries.map((entry) => {
      const tile = entry.target as HTMLElement;
      return [tile.dataset.extension!, entry.borderBoxSize[0]?.blockSize ?? tile.offsetHeight] as const;
    });
    if (heights.measure(drawn)) schedule();
  });
  /** On each drawn tile's element: its height is followed while it is drawn. */
  const measured: Directive<HTMLElement> = {
    mounted: (tile) => tileSizes.observe(tile),
    unmounted: (tile) => tileSizes.unobserve(tile),
  };
  /** The tiles of each group in order: the rows move only when these do, not when a lamp changes. */
  let placedOrder: readonly string[] = [];
  function scheduleIfReordered(now: readonly TileGroup[]): void {
    const order = now.flatMap((group) => [`group:${group.key}`, ...group.ids]);
    if (order.length === placedOrder.length && order.every((id, at) => id === placedOrder[at])) return;
    placedOrder = order;
    schedule();
  }

  const onFocusIn = (event: FocusEvent) => {
    const tile = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>(TILE) : null;
    pinned.value = tile?.dataset.extension;
  };
  const resized = new ResizeObserver(([entry]) => {
    if (entry) width.value = entry.contentRect.width;
    schedule();
  });
  onMounted(() => {
    remPx = parseFloat(getComputedStyle(document.documentElement).fontSize) || remPx;
    const element = board.value!;
    const style = getComputedStyle(element);
    width.value = element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    resized.observe(element);
    element.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('focusin', onFocusIn);
  });
  onUnmounted(() => {
    resized.disconnect();
    tileSizes.disconnect();
    board.value?.removeEventListener('scroll', schedule);
    window.removeEventListener('focusin', onFocusIn);
    cancel();
  });
  watch(() => groups(), scheduleIfReordered, { flush: 'post' });
  watch([columns, windowed], schedule, { flush: 'post' });

  return {
    columns,
    measured,
    /** The grid's own style: its column count and gap. */
    gridStyle: computed(() => ({ '--columns': String(columns.value), '--gap': `${TILE_GRID[size()].gapRem}rem` })),
    itemsOf: (group: TileGroup): readonly GridItem[] => items.value.get(group.key) ?? [],
    /** The tile an arrow key moves to from this one, as the grid is drawn. */
    neighbour: (extensionId: string, key: string) =>
      neighbourOf(
        groups().map((group) => group.ids),
        columns.value,
        extensionId,
        key,
      ),
    /** Draws this tile's row (it stays drawn while focused) and gives its element. */
    async reveal(extensionId: string): Promise<HTMLElement | undefined> {
      pinned.value = extensionId;
      await nextTick();
      return board.value?.querySelector<HTMLElement>(`[data-extension="${CSS.escape(extensionId)}"]`) ?? undefined;
    },
  };
}
