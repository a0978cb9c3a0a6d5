import { onMounted, onUnmounted, shallowRef, watch, type Ref } from 'vue';
import { inNextFrame, updateRanges, type DrawnRanges } from './drawn-ranges';
import { entryHeights } from './entry-heights';

/** A panel up to this many entries draws every one (every panel the e2e suite shows); a longer one draws what is near view. */
const DRAW_ALL_UP_TO = 30;
/** Entries drawn beyond the view, above and below it, in view heights: a scroll finds them ready. */
const MARGIN_VIEWS = 1;
/** An entry's height before any was measured (a call card of two people). */
const FIRST_GUESS_PX = 110;
const ENTRY = '[data-window-key]';

/** What a list holds: an entry, or one stand-in of the height of a run of entries not drawn. */
export type ListItem<T> =
  | { readonly kind: 'entry'; readonly key: string; readonly entry: T }
  | { readonly kind: 'gap'; readonly key: string; readonly heightPx: number };

/**
 * Lists of entries in a scrolling panel (the calls panel's sections) drawn only in and near the
 * panel's view once they hold more than DRAW_ALL_UP_TO entries: a call that changes or a duration
 * that ticks out of view costs the page no render. The rest stand in by their height, so the
 * scrollbar is the whole list's; the pinned entry (the selected call) is always drawn. Each drawn
 * entry's element carries `data-window-key`, and each list's element `data-window-list`.
 */
export function useListWindow<T>(
  panel: Ref<HTMLElement | undefined>,
  lists: () => ReadonlyArray<readonly [list: string, entries: readonly T[]]>,
  keyOf: (entry: T) => string,
  pinned: () => string | undefined,
) {
  /** Entries drawn per list, first and last index; a list not yet placed draws its first screenful. */
  const ranges = shallowRef<DrawnRanges>(new Map());
  const heights = entryHeights(FIRST_GUESS_PX);
  let gapPx = 0;
  const heightOf = (entry: T) => heights.heightOf(keyOf(entry));
  const windowed = () => lists().reduce((sum, [, entries]) => sum + entries.length, 0) > DRAW_ALL_UP_TO;

  function itemsOf(list: string, entries: readonly T[]): ListItem<T>[] {
    if (!windowed()) return entries.map((entry) => ({ kind: 'entry', key: keyOf(entry), entry }));
    const firstScreen = Math.ceil(((1 + MARGIN_VIEWS) * window.innerHeight) / heights.guessPx());
    const [first, last] = ranges.value.get(list) ?? [0, firstScreen];
    const items: ListItem<T>[] = [];
    let run: { key: string; heightPx: number } | undefined;
    entries.forEach((entry, index) => {
      const key = keyOf(entry);
      if ((index >= first && index <= last) || key === pinned()) {
        if (run) items.push({ kind: 'gap', ...run });
        run = undefined;
        items.push({ kind: 'entry', key, entry });
        return;
      }
      run ??= { key: `gap:${key}`, heightPx: -gapPx };
      run.heightPx += heightOf(entry) + gapPx;
    });
    if (run) items.push({ kind: 'gap', ...run });
    return items;
  }

  /** Measures the drawn entries, then finds each list's entries in or near the panel's view. */
  function placement(): DrawnRanges | undefined {
    const element = panel.value;
    if (!element || !scroller || !windowed()) return undefined;
    heights.measure(
      Array.from(element.querySelectorAll<HTMLElement>(ENTRY), (drawn) => [
        drawn.dataset.windowKey!,
        drawn.offsetHeight,
      ]),
    );
    const viewTop = scroller.getBoundingClientRect().top;
    const next = new Map<string, readonly [number, number]>();
    for (const [list, entries] of lists()) {
      const listElement = element.querySelector<HTMLElement>(`[data-window-list="${CSS.escape(list)}"]`);
      if (!listElement) continue;
      gapPx = parseFloat(getComputedStyle(listElement).rowGap) || 0;
      let top = listElement.getBoundingClientRect().top - viewTop;
      let first = -1;
      let last = -1;
      const from = -MARGIN_VIEWS * scroller.clientHeight;
      const to = (1 + MARGIN_VIEWS) * scroller.clientHeight;
      for (let index = 0; index < entries.length && top <= to; index++) {
        const bottom = top + heightOf(entries[index]!);
        if (bottom >= from) {
          if (first < 0) first = index;
          last = index;
        }
        top = bottom + gapPx;
      }
      next.set(list, [first, last]);
    }
    return next;
  }

  /** A placement measured after the last layout, taken in the next frame; none: measure then (after a scroll). */
  let measured: DrawnRanges | undefined;
  const { schedule, cancel } = inNextFrame(() => {
    const next = measured ?? placement();
    measured = undefined;
    if (next) updateRanges(ranges, next);
  });
  // The page has just been laid out when a ResizeObserver calls back, so measuring then forces no
  // layout; a call that changes no size (most changes: a state, a name) is not measured at all.
  // Taking the placement waits for the next frame: a change of the drawn entries inside the
  // callback would resize what was just observed, a loop the browser reports as an error.
  const resized = new ResizeObserver(() => {
    measured = placement();
    schedule();
  });
  const scrolled = () => {
    measured = undefined;
    schedule();
  };
  /** What moves or resizes the lists: the scroller, whatever it holds above and around the panel, and the lists. */
  const observed = new Set<Element>();
  function observeSizes(): void {
    const element = panel.value;
    if (!element || !scroller) return;
    const now = new Set([scroller, ...scroller.children, ...element.querySelectorAll('[data-window-list]')]);
    for (const target of observed) if (!now.has(target)) resized.unobserve(target);
    for (const target of now) if (!observed.has(target)) resized.observe(target);
    observed.clear();
    for (const target of now) observed.add(target);
  }
  const arrivals = new MutationObserver(observeSizes);
  let scroller: HTMLElement | undefined;
  onMounted(() => {
    scroller = panel.value && scrollerOf(panel.value);
    if (!scroller) return;
    observeSizes();
    arrivals.observe(scroller, { childList: true });
    scroller.addEventListener('scroll', scrolled, { passive: true });
  });
  onUnmounted(() => {
    resized.disconnect();
    arrivals.disconnect();
    scroller?.removeEventListener('scroll', scrolled);
    cancel();
  });
  watch(
    lists,
    (now) => {
      heights.keepOnly(now.flatMap(([, entries]) => entries.map(keyOf)));
      observeSizes();
    },
    { flush: 'post' },
  );

  return { itemsOf };
}

/** The nearest ancestor that scrolls (the side panel's scroller). */
function scrollerOf(element: HTMLElement): HTMLElement | undefined {
  for (let at = element.parentElement; at; at = at.parentElement)
    if (/auto|scroll/.test(getComputedStyle(at).overflowY)) return at;
  return undefined;
}
