import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { LOOKUP_NUMBER, MAX_LOOKUP_NUMBER } from '../../src-shared/directory-schemas';
import type { DirectoryEntry } from '../../src-shared/directory-results';
import { personLabel } from '../components/call-words';
import { switchboard } from '../services/switchboard';
import { useBoardStore } from './board';
import { useSessionStore } from './session';

/** A person on a call as the console names them: the phonebook's name and company when it knows the number. */
export interface NamedPerson {
  readonly number: string;
  readonly name: string;
  readonly company: string;
}

const canLookUp = (number: string) =>
  /\d/.test(number) && number.length <= MAX_LOOKUP_NUMBER && LOOKUP_NUMBER.test(number);

/** Numbers remembered at most; past this, only those on calls now are kept. */
const MAX_REMEMBERED = 500;

/**
 * Who the phonebook says an outside caller is. The PBX often sends a caller's digits alone; every
 * outside number on a call is looked up once (and again after the phonebook or the login changes).
 */
export const useCallerNamesStore = defineStore('callerNames', () => {
  const board = useBoardStore();
  const session = useSessionStore();
  /** Number as the PBX wrote it → its phonebook entry, or null when the phonebook has none. */
  const known = ref<Record<string, DirectoryEntry | null>>({});
  let generation = 0;

  /** The numbers of everyone on a call who is not on the board. */
  const outsideNumbers = computed(() => {
    const numbers = new Set<string>();
    for (const call of Object.values(board.picture.calls))
      for (const party of call.parties)
        if (party.extensionId === undefined && canLookUp(party.number)) numbers.add(party.number);
    return numbers;
  });

  async function ask(number: string, asked: number): Promise<void> {
    const result = await switchboard().directory.lookup({ number });
    if (asked !== generation) return;
    known.value = { ...known.value, [number]: result.ok ? result.value : null };
  }

  function lookUpNew(numbers: ReadonlySet<string>): void {
    if (Object.keys(known.value).length > MAX_REMEMBERED)
      known.value = Object.fromEntries(Object.entries(known.value).filter(([number]) => numbers.has(number)));
    for (const number of numbers) if (!(number in known.value)) void ask(number, generation);
  }

  /** The phonebook changed (an import, a source removed) or belongs to another login: ask again. */
  function forget(): void {
    generation++;
    known.value = {};
    lookUpNew(outsideNumbers.value);
  }

  watch(outsideNumbers, lookUpNew, { immediate: true });
  watch(
    () => session.status.kind === 'connected',
    (connected) => connected && forget(),
  );

  function personOf(person: { readonly number: string; readonly name: string }): NamedPerson {
    const entry = known.value[person.number];
    return entry ? { number: person.number, name: entry.name, company: entry.company } : { ...person, company: '' };
  }

  /** "12025550143 Łukasz Wróbel · Wróbel Logistics": the number, then who the phonebook or the PBX says it is. */
  function labelOf(person: { readonly number: string; readonly name: string }): string {
    const named = personOf(person);
    return personLabel({
      number: named.number,
      name: [named.name, named.company].filter(Boolean).join(' · '),
    });
  }

  return { personOf, labelOf, forget };
});
