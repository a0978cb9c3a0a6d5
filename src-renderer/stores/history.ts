import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { HistoryEntry, HistoryFilter } from '../../src-shared/call-history';
import { mainWords } from '../i18n/main-words';
import { switchboard } from '../services/switchboard';
import { useSessionStore } from './session';

const PAGE_SIZE = 50;

/** The call history panel: open or not, its filters, the calls they match page by page, and the missed calls not seen. */
export const useHistoryStore = defineStore('history', () => {
  const session = useSessionStore();
  const open = ref(false);
  const missed = ref(false);
  const mine = ref(false);
  const today = ref(false);
  /** Only calls with this number. */
  const person = ref<string | undefined>();
  const text = ref('');
  const entries = ref<readonly HistoryEntry[]>([]);
  const total = ref(0);
  const unseenMissed = ref(0);
  /** Why the history could not be read, in main's words. */
  const problem = ref<string | undefined>();
  let asked = 0;

  const filter = (): HistoryFilter => ({
    missed: missed.value,
    mine: mine.value,
    today: today.value,
    text: text.value,
    ...(person.value === undefined ? {} : { person: person.value }),
  });

  /** Reads the first page again; an answer to an older question is dropped. */
  async function refresh(): Promise<void> {
    const question = ++asked;
    const result = await switchboard().history.list({ ...filter(), offset: 0, limit: PAGE_SIZE });
    if (question !== asked) return;
    problem.value = result.ok ? undefined : mainWords(result.error);
    entries.value = result.ok ? result.value.entries : [];
    total.value = result.ok ? result.value.total : 0;
  }

  async function loadMore(): Promise<void> {
    const question = asked;
    const result = await switchboard().history.list({ ...filter(), offset: entries.value.length, limit: PAGE_SIZE });
    if (question !== asked || !result.ok) return;
    entries.value = [...entries.value, ...result.value.entries];
    total.value = result.value.total;
  }

  async function exportCsv(): Promise<string | undefined> {
    const result = await switchboard().history.export(filter());
    problem.value = result.ok ? undefined : mainWords(result.error);
    return result.ok ? result.value : undefined;
  }

  async function countMissed(): Promise<void> {
    const result = await switchboard().history.missedCount();
    unseenMissed.value = result.ok ? result.value : 0;
  }

  /** What the open panel shows counts as seen once the operator can see the page. */
  function seeIfShown(): void {
    if (open.value && unseenMissed.value > 0 && document.visibilityState === 'visible') {
      void switchboard().history.markSeen();
    }
  }

  function show(filters: { missedToday?: boolean } = {}): void {
    if (filters.missedToday) {
      missed.value = true;
      today.value = true;
    }
    open.value = true;
  }

  /** Follows new calls in the history and each login; returns the unsubscribe. */
  function follow(): () => void {
    const stopChanged = switchboard().history.onChanged((changed) => {
      unseenMissed.value = changed.unseenMissed;
      if (!open.value) return;
      void refresh();
      seeIfShown();
    });
    const stopSession = watch(
      () => session.status.kind,
      (kind) => {
        if (kind !== 'connected') return;
        void countMissed();
        if (open.value) void refresh();
      },
      { immediate: true },
    );
    const stopOpen = watch(open, (isOpen) => {
      if (!isOpen) return;
      void refresh();
      seeIfShown();
    });
    const stopFilters = watch([missed, mine, today, person, text], () => {
      if (open.value) void refresh();
    });
    document.addEventListener('visibilitychange', seeIfShown);
    return () => {
      stopChanged();
      stopSession();
      stopOpen();
      stopFilters();
      document.removeEventListener('visibilitychange', seeIfShown);
    };
  }

  return {
    open,
    missed,
    mine,
    today,
    person,
    text,
    entries,
    total,
    unseenMissed,
    problem,
    show,
    loadMore,
    exportCsv,
    follow,
  };
});
