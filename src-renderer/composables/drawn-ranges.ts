import type { ShallowRef } from 'vue';

/** What a windowed view draws of each of its groups or lists: the first and last row or entry. */
export type DrawnRanges = ReadonlyMap<string, readonly [first: number, last: number]>;

/** Takes `next` only when it draws something else: the same placement again re-renders nothing. */
export function updateRanges(ranges: ShallowRef<DrawnRanges>, next: DrawnRanges): void {
  const same =
    next.size === ranges.value.size &&
    [...next].every(([key, [first, last]]) => {
      const was = ranges.value.get(key);
      return was?.[0] === first && was[1] === last;
    });
  if (!same) ranges.value = next;
}

/** Runs `place` once in the next frame, however often it was asked for meanwhile. */
export function inNextFrame(place: () => void) {
  let frame: number | undefined;
  return {
    schedule: () => void (frame ??= requestAnimationFrame(() => ((frame = undefined), place()))),
    cancel: () => frame !== undefined && cancelAnimationFrame(frame),
  };
}
