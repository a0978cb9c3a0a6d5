import { onScopeDispose, ref, watch, type Ref } from 'vue';
import type { DirectoryEntry } from '../../src-shared/directory-results';
import { switchboard } from '../services/switchboard';

/** How long typing pauses before the phonebook is asked: one query per word, not per key. */
const SEARCH_PAUSE_MS = 60;

/** What to dial for an entry: a PBX user's extension, else its first number as the keypad writes it. */
export function dialTargetOf(entry: DirectoryEntry): string | undefined {
  const number = entry.numbers[0]?.number;
  return number?.replace(/[^\d*#+A-Za-z]/g, '') || undefined;
}

/**
 * The phonebook's entries for what is typed in `query`, best first, with the one the arrow keys
 * picked. A phonebook that is not open (no login) simply offers nothing.
 */
export function useDirectorySearch(query: Ref<string>, limit = 8) {
  const entries = ref<readonly DirectoryEntry[]>([]);
  const picked = ref(0);
  /** The operator chose with the arrow keys since the last results came. */
  const arrowed = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  function ask(text: string, pauseMs: number) {
    clearTimeout(timer);
    const wanted = text.trim();
    const mine = ++asked;
    if (!wanted) {
      entries.value = [];
      return;
    }
    timer = setTimeout(async () => {
      const result = await switchboard().directory.search({ query: wanted, limit });
      if (mine !== asked) return;
      entries.value = result.ok ? result.value.entries : [];
      picked.value = 0;
      arrowed.value = false;
    }, pauseMs);
  }
  watch(query, (text) => ask(text, SEARCH_PAUSE_MS));
  // Typed before the phonebook knew the PBX's users (just after login), or before an import: asked again.
  onScopeDispose(switchboard().directory.onChanged(() => ask(query.value, 0)));
  function move(step: number) {
    if (entries.value.length === 0) return;
    picked.value = (picked.value + step + entries.value.length) % entries.value.length;
    arrowed.value = true;
  }
  /**
   * The entry Enter takes: the one the arrows picked, or the top one for a name. Digits typed alone
   * are dialled as typed (and a number written wrong is said so), not swapped for a contact.
   */
  function chosen(): DirectoryEntry | undefined {
    if (!arrowed.value && !/\p{L}/u.test(query.value)) return undefined;
    return entries.value[picked.value];
  }
  return { entries, picked, move, chosen };
}
