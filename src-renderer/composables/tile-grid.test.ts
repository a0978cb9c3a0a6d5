import { describe, expect, it } from 'vitest';
import { columnsFor, gridItems, neighbourOf } from './tile-grid';

/** The ids of `count` tiles numbered from `first`, as the board holds them in a group. */
const tiles = (first: number, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${first + i}@internal`);

describe('the board grid', () => {
  it('fits as many columns as CSS auto-fill would, at least one', () => {
    // normal: 11.5rem columns, 0.5rem gaps, 16 px to the rem: n columns need 192n - 8 px.
    expect(columnsFor(952, 'normal', 16)).toBe(5);
    expect(columnsFor(951, 'normal', 16)).toBe(4);
    expect(columnsFor(100, 'large', 16)).toBe(1);
    expect(columnsFor(0, 'compact', 16)).toBe(1);
  });

  it('draws the rows asked for and stands one spacer of their height in for each run of the others', () => {
    const items = gridItems(
      tiles(100, 23),
      5,
      (row) => row === 2,
      (row) => 80 + row,
      8,
    );
    expect(
      items.map((item) => (item.kind === 'gap' ? `gap ${item.rows} ${item.heightPx}` : item.key.split('@')[0])),
    ).toEqual([
      'gap 2 169', // rows 0 and 1: 80 + 81 and the gap between them
      '110',
      '111',
      '112',
      '113',
      '114',
      'gap 2 175', // rows 3 and 4 (4 holds the last three tiles): 83 + 84 + 8
    ]);
  });

  it('draws every tile when every row is drawn, in board order', () => {
    const items = gridItems(
      tiles(100, 7),
      3,
      () => true,
      () => 80,
      8,
    );
    expect(items.map((item) => item.key)).toEqual(tiles(100, 7));
  });

  it('moves with the arrows through every tile, across rows and groups, to the last tile of a shorter row', () => {
    const groups = [tiles(100, 7), tiles(200, 4)]; // 3 columns: 100-102, 103-105, 106 | 200-202, 203
    const go = (exten: string, key: string) => neighbourOf(groups, 3, `${exten}@internal`, key)?.split('@')[0];
    expect(go('100', 'ArrowRight')).toBe('101');
    expect(go('102', 'ArrowRight')).toBe('103');
    expect(go('103', 'ArrowLeft')).toBe('102');
    expect(go('100', 'ArrowLeft')).toBeUndefined();
    expect(go('101', 'ArrowDown')).toBe('104');
    expect(go('105', 'ArrowDown')).toBe('106');
    expect(go('106', 'ArrowDown')).toBe('200');
    expect(go('106', 'ArrowRight')).toBe('200');
    expect(go('202', 'ArrowDown')).toBe('203');
    expect(go('203', 'ArrowDown')).toBeUndefined();
    expect(go('202', 'ArrowUp')).toBe('106');
    expect(go('101', 'ArrowUp')).toBeUndefined();
    expect(go('999', 'ArrowUp')).toBeUndefined();
  });
});
