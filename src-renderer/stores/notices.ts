import { defineStore } from 'pinia';
import { ref } from 'vue';

export type NoticeTone = 'progress' | 'success' | 'error';

export interface Notice {
  /** A command's id keeps one notice per command as its stages change. */
  readonly key: string;
  readonly tone: NoticeTone;
  readonly text: string;
}

/** How long a notice stays; an error stays until read and dismissed, a progress notice until it settles. */
const LINGER_MS: Readonly<Record<NoticeTone, number | undefined>> = {
  progress: undefined,
  success: 5_000,
  error: undefined,
};

/** At most this many at a time: the oldest that is not an error goes first, then the oldest error. */
const MAX_SHOWN = 3;

/** The toast area: what the console says back after a command. */
export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([]);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let seq = 0;

  function show(tone: NoticeTone, text: string, key = `n${++seq}`): void {
    const notice: Notice = { key, tone, text };
    const at = notices.value.findIndex((known) => known.key === key);
    notices.value = fewest(
      at >= 0 ? notices.value.map((known, index) => (index === at ? notice : known)) : [...notices.value, notice],
    );
    clearTimeout(timers.get(key));
    const linger = LINGER_MS[tone];
    if (linger !== undefined)
      timers.set(
        key,
        setTimeout(() => dismiss(key), linger),
      );
  }

  function fewest(list: Notice[]): Notice[] {
    const kept = [...list];
    while (kept.length > MAX_SHOWN) {
      const at = kept.findIndex((notice) => notice.tone !== 'error');
      const [gone] = kept.splice(at >= 0 ? at : 0, 1);
      if (gone) {
        clearTimeout(timers.get(gone.key));
        timers.delete(gone.key);
      }
    }
    return kept;
  }

  function dismiss(key: string): void {
    clearTimeout(timers.get(key));
    timers.delete(key);
    notices.value = notices.value.filter((notice) => notice.key !== key);
  }

  return { notices, show, dismiss };
});
