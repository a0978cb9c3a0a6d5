import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { ProfileSummary } from '../../src-preload/contract';
import { queueWatchOf } from '../../src-shared/notification-rules';
import { DEFAULT_QUEUE_WAIT_THRESHOLD_SECONDS, DEMO_PROFILE_ID } from '../../src-shared/profile';
import { speakFor } from '../i18n/language-choice';
import { MainError, switchboard, unwrap } from '../services/switchboard';
import { useNoticesStore } from './notices';
import { useProfilesStore } from './profiles';
import { useSessionStore } from './session';
import { mainWords } from '../i18n/main-words';

export type Grouping = ProfileSummary['board']['grouping'];
export type TileSize = ProfileSummary['board']['tileSize'];

/**
 * How the board looks for the logged-in profile: its standing choice of contexts and extensions,
 * grouping and tile size (saved back to the profile when the operator changes them), plus the
 * instant filter box, which is only for the moment.
 */
export const usePrefsStore = defineStore('prefs', () => {
  const filter = ref('');
  const contexts = ref<readonly string[]>([]);
  const standingFilter = ref('');
  const grouping = ref<Grouping>('context');
  const tileSize = ref<TileSize>('normal');
  /** A queue caller waiting longer than this is shown in warning colours. */
  const queueWaitThresholdSeconds = ref(DEFAULT_QUEUE_WAIT_THRESHOLD_SECONDS);
  /** Queues whose callers alert me past the threshold; empty: every queue. */
  const watchedQueues = ref<readonly string[]>([]);
  const queueWatch = computed(() =>
    queueWatchOf({ queueWaitThresholdSeconds: queueWaitThresholdSeconds.value, watchedQueues: watchedQueues.value }),
  );
  /** Extension ids pinned to the favourites group, in the order pinned. */
  const favourites = ref<readonly string[]>([]);
  /** The operator's own names for extensions, by id; main shows them on the tiles. */
  const ownNames = ref<Readonly<Record<string, string>>>({});
  /** Whether this profile may listen in on calls, and rings in the console while my phone rings. */
  const listenIn = ref(false);
  const ringSound = ref(false);
  const profileId = ref<string | undefined>();
  /**
   * Choices she made after her session started and before its profile arrived from main: made
   * again on top of the profile once it is adopted, so adopting it neither undoes nor drops them.
   */
  let madeBeforeAdopting: (() => Promise<void>)[] | undefined;

  function adopt(profile: ProfileSummary): void {
    profileId.value = profile.id;
    contexts.value = profile.board.contexts;
    standingFilter.value = profile.board.extensionFilter;
    grouping.value = profile.board.grouping;
    tileSize.value = profile.board.tileSize;
    queueWaitThresholdSeconds.value = profile.queueWaitThresholdSeconds ?? DEFAULT_QUEUE_WAIT_THRESHOLD_SECONDS;
    watchedQueues.value = profile.watchedQueues;
    favourites.value = profile.board.favourites;
    ownNames.value = profile.board.ownNames;
    listenIn.value = profile.listenIn;
    ringSound.value = profile.ringSound;
    speakFor(profile.board.language);
  }

  /** Adopts each new session's profile; returns the unsubscribe for the app's teardown. */
  function follow(): () => void {
    const session = useSessionStore();
    const profiles = useProfilesStore();
    return watch(
      () => (session.status.kind === 'disconnected' ? undefined : session.status.profileId),
      async (id) => {
        if (!id) {
          // Logged out: the login screen speaks its own language, and the next login adopts afresh.
          profileId.value = undefined;
          speakFor(undefined);
          return;
        }
        if (id === profileId.value) return;
        // Cleared as the session starts, not when its profile arrives: by then she may be typing.
        filter.value = '';
        madeBeforeAdopting = [];
        try {
          await profiles.load();
          const profile = profiles.profiles.find((candidate) => candidate.id === id);
          if (profile) adopt(profile);
        } finally {
          // Made even when the profile could not be had: her choices last for the session at least.
          const madeMeanwhile = madeBeforeAdopting;
          madeBeforeAdopting = undefined;
          for (const choice of madeMeanwhile) await choice();
        }
      },
      { immediate: true },
    );
  }

  async function setGrouping(next: Grouping): Promise<void> {
    if (madeBeforeAdopting) return void madeBeforeAdopting.push(() => setGrouping(next));
    grouping.value = next;
    await remember({ grouping: next });
  }

  async function setTileSize(next: TileSize): Promise<void> {
    if (madeBeforeAdopting) return void madeBeforeAdopting.push(() => setTileSize(next));
    tileSize.value = next;
    await remember({ tileSize: next });
  }

  /** Pins an extension to the favourites (last), or unpins it; the profile keeps them. */
  async function toggleFavourite(extensionId: string): Promise<void> {
    if (madeBeforeAdopting) return void madeBeforeAdopting.push(() => toggleFavourite(extensionId));
    const next = favourites.value.includes(extensionId)
      ? favourites.value.filter((id) => id !== extensionId)
      : [...favourites.value, extensionId];
    favourites.value = next;
    await remember({ favourites: [...next] });
  }

  /** The built-in Demo profile keeps no names: main shows what a saved profile holds. */
  const canRename = computed(() => profileId.value !== undefined && profileId.value !== DEMO_PROFILE_ID);

  /** Gives an extension my own name, or (empty) takes it away; saved in the profile, shown by main. */
  async function setOwnName(extensionId: string, name: string): Promise<void> {
    if (madeBeforeAdopting) return void madeBeforeAdopting.push(() => setOwnName(extensionId, name));
    const others = Object.fromEntries(Object.entries(ownNames.value).filter(([id]) => id !== extensionId));
    const next = name === '' ? others : { ...others, [extensionId]: name };
    ownNames.value = next;
    await remember({ ownNames: next });
  }

  /** The built-in Demo profile cannot be edited; its choices last for the session. */
  async function remember(board: Partial<ProfileSummary['board']>): Promise<void> {
    const id = profileId.value;
    if (!id || id === DEMO_PROFILE_ID) return;
    try {
      await unwrap(switchboard().profiles.update({ id, changes: { board } }));
    } catch (error) {
      useNoticesStore().show('error', error instanceof MainError ? mainWords(error) : String(error));
    }
  }

  return {
    filter,
    contexts,
    standingFilter,
    grouping,
    tileSize,
    queueWaitThresholdSeconds,
    queueWatch,
    favourites,
    ownNames,
    canRename,
    setOwnName,
    listenIn,
    ringSound,
    profileId,
    adopt,
    follow,
    setGrouping,
    setTileSize,
    toggleFavourite,
  };
});
