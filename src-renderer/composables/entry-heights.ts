/**
 * The heights of a windowed view's entries as last drawn, by key, to size the stand-ins of the
 * entries not drawn; one not yet measured is guessed at the lowest measured so far.
 */
export function entryHeights(firstGuessPx: number) {
  let heights = new Map<string, number>();
  /** The lowest entry measured: most entries are the plain kind (a tile without calls, a call of two). */
  let lowestPx: number | undefined;
  const guessPx = () => lowestPx ?? firstGuessPx;

  return {
    guessPx,
    heightOf: (key: string) => heights.get(key) ?? guessPx(),
    /** Takes the heights of the entries drawn now; says whether any was not as known. */
    measure(drawn: Iterable<readonly [key: string, heightPx: number]>): boolean {
      let changed = false;
      for (const [key, heightPx] of drawn) {
        changed ||= heights.get(key) !== heightPx;
        heights.set(key, heightPx);
        lowestPx = Math.min(lowestPx ?? heightPx, heightPx);
      }
      return changed;
    },
    /** Forgets every entry but these, the ones the view holds now: a day's calls come and go. */
    keepOnly(held: Iterable<string>): void {
      const kept = new Map<string, number>();
      for (const key of held) {
        const heightPx = heights.get(key);
        if (heightPx !== undefined) kept.set(key, heightPx);
      }
      heights = kept;
    },
  };
}
