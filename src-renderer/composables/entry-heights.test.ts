import { describe, expect, it } from 'vitest';
import { entryHeights } from './entry-heights';

describe('the heights of a windowed list', () => {
  it('guesses an entry not yet measured at the lowest measured, and the first guess before any', () => {
    const heights = entryHeights(110);
    expect(heights.heightOf('a')).toBe(110);
    heights.measure([
      ['a', 140],
      ['b', 96],
    ]);
    expect([heights.heightOf('a'), heights.heightOf('b'), heights.heightOf('new')]).toEqual([140, 96, 96]);
  });

  it('says whether a measure brought a height it did not know: the same heights again move nothing', () => {
    const heights = entryHeights(80);
    expect(heights.measure([['101', 80]])).toBe(true);
    expect(heights.measure([['101', 80]])).toBe(false);
    expect(
      heights.measure([
        ['101', 80],
        ['102', 80],
      ]),
    ).toBe(true);
    expect(heights.measure([['102', 112]])).toBe(true);
    expect(heights.measure([])).toBe(false);
  });

  it('after a day of calls that came and went, knows only the heights of the calls the list holds', () => {
    const heights = entryHeights(110);
    heights.measure([['all-day', 90]]);
    const tall = (index: number) => 100 + (index % 7) * 20;
    for (let index = 0; index < 100_000; index++) {
      heights.measure([[`call-${index}`, tall(index)]]);
      heights.keepOnly(['all-day', `call-${index - 1}`, `call-${index}`]);
    }
    const gone = Array.from({ length: 99_998 }, (_, index) => `call-${index}`);
    expect(gone.filter((key) => heights.heightOf(key) !== 90)).toEqual([]);
    expect(['all-day', 'call-99998', 'call-99999'].map(heights.heightOf)).toEqual([90, tall(99_998), tall(99_999)]);
  });
});
