import type { TileSize } from '../stores/prefs';

/** Each tile size's narrowest column and gap, in rem: the board's grid is drawn from these. */
export const TILE_GRID: Readonly<Record<TileSize, { readonly minRem: number; readonly gapRem: number }>> = {
  compact: { minRem: 8.5, gapRem: 0.3 },
  normal: { minRem: 11.5, gapRem: 0.5 },
  large: { minRem: 15, gapRem: 0.7 },
};

/** As many columns as fit `width` (what CSS `repeat(auto-fill, minmax(min, 1fr))` would make). */
export function columnsFor(widthPx: number, size: TileSize, remPx: number): number {
  const { minRem, gapRem } = TILE_GRID[size];
  return Math.max(1, Math.floor((widthPx + gapRem * remPx) / ((minRem + gapRem) * remPx)));
}

/** What a group's grid holds: a tile (keyed by its id), or one stand-in spanning a run of rows not drawn. */
export type GridItem =
  | { readonly kind: 'tile'; readonly key: string }
  | { readonly kind: 'gap'; readonly key: string; readonly rows: number; readonly heightPx: number };

/**
 * The grid of the tiles `ids` with only the rows in `drawn` as tiles; each run of rows outside it becomes
 * one stand-in of their height, so the scrollbar and every drawn row stay where they would be.
 */
export function gridItems(
  ids: readonly string[],
  columns: number,
  drawn: (row: number) => boolean,
  rowHeightPx: (row: number) => number,
  gapPx: number,
): GridItem[] {
  const items: GridItem[] = [];
  const rows = Math.ceil(ids.length / columns);
  let run: { first: number; rows: number; heightPx: number } | undefined;
  const closeRun = () => {
    if (!run) return;
    items.push({ kind: 'gap', key: `gap:${run.first}`, rows: run.rows, heightPx: run.heightPx });
    run = undefined;
  };
  for (let row = 0; row < rows; row++) {
    if (!drawn(row)) {
      run ??= { first: row, rows: 0, heightPx: -gapPx };
      run.rows += 1;
      run.heightPx += rowHeightPx(row) + gapPx;
      continue;
    }
    closeRun();
    for (const id of ids.slice(row * columns, (row + 1) * columns)) items.push({ kind: 'tile', key: id });
  }
  closeRun();
  return items;
}

/**
 * The tile an arrow key moves to, on the grid as drawn: left and right go through the tiles in
 * board order; up and down go to the row above or below (across groups), to the same column or,
 * on a shorter row, its last tile.
 */
export function neighbourOf(
  groups: readonly (readonly string[])[],
  columns: number,
  extensionId: string,
  key: string,
): string | undefined {
  const rows = groups.flatMap((ids) =>
    Array.from({ length: Math.ceil(ids.length / columns) }, (_, row) => ids.slice(row * columns, (row + 1) * columns)),
  );
  const row = rows.findIndex((ids) => ids.includes(extensionId));
  if (row < 0) return undefined;
  const column = rows[row]!.indexOf(extensionId);
  switch (key) {
    case 'ArrowRight':
      return rows[row]![column + 1] ?? rows[row + 1]?.[0];
    case 'ArrowLeft':
      return rows[row]![column - 1] ?? rows[row - 1]?.at(-1);
    case 'ArrowDown':
    case 'ArrowUp': {
      const next = rows[key === 'ArrowDown' ? row + 1 : row - 1];
      return next?.[Math.min(column, next.length - 1)];
    }
    default:
      return undefined;
  }
}
