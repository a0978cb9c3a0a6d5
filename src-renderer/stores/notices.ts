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

/** The toast area: what the console says back after a command. */
export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([]);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let seq = 0;

  function show(tone: NoticeTone, text: string, key = `n${++seq}`): void {
    const notice: Notice = { key, tone, text };
    const at = notices.value.findIndex((known) => known.key === key);
    notices.value =
      at >= 0 ? notices.value.map((known, index) => (index === at ? notice : known)) : [...notices.value, notice];
    clearTimeout(timers.get(key));
    const linger = LINGER_MS[tone];
    if (linger !== undefined)
      timers.set(
        key,
        setTimeout(() => dismiss(key), linger),
      );
  }

  function dismiss(key: string): void {
    clearTimeout(timers.get(key));
    timers.delete(key);
    notices.value = notices.value.filter((notice) => notice.key !== key);
  }

  return { notices, show, dismiss };
});
