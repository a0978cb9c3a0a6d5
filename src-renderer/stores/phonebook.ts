import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { InputOf } from '../../src-preload/contract';
import type { CsvMapping, CsvPreview, DirectoryOverview, ImportReport } from '../../src-shared/directory-results';
import type { RefusalReason } from '../../src-shared/refusals';
import { mainWords } from '../i18n/main-words';
import { MainError, switchboard, unlessRefused, unwrap } from '../services/switchboard';
import { useCallerNamesStore } from './caller-names';

export type LdapSave = InputOf<'directory:saveLdap'>;

/** Main's refusal of the last request: its words, per setting when it was about some, and why. */
export type PhonebookRefusal = {
  readonly message: string;
  readonly fields?: Readonly<Record<string, string>>;
  readonly reason?: RefusalReason;
};

/** The phonebook's sources and imports as the operator manages them; the entries stay in main. */
export const usePhonebookStore = defineStore('phonebook', () => {
  const overview = ref<DirectoryOverview | undefined>();
  const refusal = ref<PhonebookRefusal | undefined>();
  /** Main's refusal of the last save of a directory server: its form says it beside the setting it is about. */
  const ldapRefusal = ref<PhonebookRefusal | undefined>();
  const busy = ref(false);
  const callerNames = useCallerNamesStore();

  /** Runs one request; a refusal becomes `said` and `undefined` comes back. The sources are read again after. */
  async function attempt<T>(request: () => Promise<T>, said = refusal): Promise<T | undefined> {
    said.value = undefined;
    busy.value = true;
    try {
      return await unlessRefused(request, (error) => {
        said.value =
          error instanceof MainError
            ? {
                message: mainWords(error),
                fields: error.fields,
                ...(error.refusal && { reason: error.refusal.reason }),
              }
            : { message: String(error) };
      });
    } finally {
      busy.value = false;
      await load();
    }
  }

  async function load(): Promise<void> {
    const result = await switchboard().directory.overview();
    overview.value = result.ok ? result.value : undefined;
  }

  /** A request that may change who the phonebook says a caller on the line now is. */
  async function change<T>(request: () => Promise<T>, said = refusal): Promise<T | undefined> {
    const outcome = await attempt(request, said);
    callerNames.forget();
    return outcome;
  }

  const previewCsv = (text: string): Promise<CsvPreview | undefined> =>
    attempt(() => unwrap(switchboard().directory.previewCsv({ text })));
  const importCsv = (fileName: string, text: string, mapping: CsvMapping): Promise<ImportReport | undefined> =>
    change(() => unwrap(switchboard().directory.importCsv({ fileName, text, mapping })));
  const importVcard = (fileName: string, text: string): Promise<ImportReport | undefined> =>
    change(() => unwrap(switchboard().directory.importVcard({ fileName, text })));
  const saveLdap = (request: LdapSave): Promise<ImportReport | undefined> =>
    change(() => unwrap(switchboard().directory.saveLdap(request)), ldapRefusal);
  const refreshLdap = (id: number): Promise<ImportReport | undefined> =>
    change(() => unwrap(switchboard().directory.refreshLdap({ id })));
  const removeSource = (id: number): Promise<null | undefined> =>
    change(() => unwrap(switchboard().directory.removeSource({ id })));

  return {
    overview,
    refusal,
    ldapRefusal,
    busy,
    load,
    previewCsv,
    importCsv,
    importVcard,
    saveLdap,
    refreshLdap,
    removeSource,
  };
});
