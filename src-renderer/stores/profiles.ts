import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { InputOf, ProfileList, ProfileSummary } from '../../src-preload/contract';
import { fieldWords, mainWords, saidWords } from '../i18n/main-words';
import { MainError, switchboard, unlessRefused, unwrap } from '../services/switchboard';

export type ProfileDraft = InputOf<'profiles:create'>;
export type ProfileChanges = InputOf<'profiles:update'>['changes'];

/** What the login screen last reported: a success in words, or main's refusal (per setting, when it is about some). */
export type ProfileFeedback = {
  readonly kind: 'info' | 'error';
  readonly message: string;
  readonly fields?: Readonly<Record<string, string>>;
};

/** The login profiles as main reports them. The page sends secrets here and never gets one back. */
export const useProfilesStore = defineStore('profiles', () => {
  const list = ref<ProfileList | undefined>();
  const selectedId = ref<string | undefined>();
  const feedback = ref<ProfileFeedback | undefined>();

  const profiles = computed<readonly ProfileSummary[]>(() => list.value?.profiles ?? []);
  const selected = computed(() => profiles.value.find((profile) => profile.id === selectedId.value));

  async function load(): Promise<void> {
    list.value = await unwrap(switchboard().profiles.list());
    if (!selected.value) selectedId.value = list.value.lastUsedProfileId ?? profiles.value[0]?.id;
  }

  /** Runs one request; a refusal becomes `feedback` and `undefined` comes back. */
  async function attempt<T>(request: () => Promise<T>): Promise<T | undefined> {
    feedback.value = undefined;
    return unlessRefused(request, (error) => {
      const said = error instanceof MainError ? { message: mainWords(error), fields: fieldWords(error) } : undefined;
      feedback.value = { kind: 'error', ...(said ?? { message: String(error) }) };
    });
  }

  async function create(draft: ProfileDraft): Promise<boolean> {
    const created = await attempt(() => unwrap(switchboard().profiles.create(draft)));
    if (created) selectedId.value = created.id;
    await load();
    return created !== undefined;
  }

  async function update(id: string, changes: ProfileChanges): Promise<boolean> {
    const updated = await attempt(() => unwrap(switchboard().profiles.update({ id, changes })));
    await load();
    return updated !== undefined;
  }

  async function duplicate(id: string): Promise<void> {
    const copy = await attempt(() => unwrap(switchboard().profiles.duplicate({ id })));
    if (copy) selectedId.value = copy.id;
    await load();
  }

  async function remove(id: string): Promise<void> {
    const outcome = await attempt(() => unwrap(switchboard().profiles.delete({ id })));
    if (outcome?.kind === 'deletedSecretKept') feedback.value = { kind: 'error', message: saidWords(outcome.reason) };
    if (outcome) selectedId.value = undefined;
    await load();
  }

  async function forgetSecret(id: string, forgotten: string): Promise<void> {
    const outcome = await attempt(() => unwrap(switchboard().profiles.forgetSecret({ id })));
    if (outcome)
      feedback.value =
        outcome.kind === 'forgotten'
          ? { kind: 'info', message: forgotten }
          : { kind: 'error', message: saidWords(outcome.reason) };
    await load();
  }

  function exportText(): Promise<string | undefined> {
    return attempt(() => unwrap(switchboard().profiles.export()));
  }

  async function importText(text: string) {
    const report = await attempt(() => unwrap(switchboard().profiles.import({ text })));
    await load();
    return report;
  }

  function say(message: string, kind: ProfileFeedback['kind'] = 'info'): void {
    feedback.value = { kind, message };
  }

  return {
    list,
    profiles,
    selectedId,
    selected,
    feedback,
    load,
    create,
    update,
    duplicate,
    remove,
    forgetSecret,
    exportText,
    importText,
    say,
  };
});
