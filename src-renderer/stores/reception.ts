import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { IpcResult, ListenMode } from '../../src-preload/contract';
import type { ExtensionTile, ListeningSession, LiveCall, PresenceState } from '../../src-preload/state';
import { incomingCallAlerts, queueWaitAlerts } from '../../src-shared/notification-rules';
import { useClock } from '../composables/clock';
import { i18n } from '../i18n';
import { switchboard } from '../services/switchboard';
import { useBoardStore } from './board';
import { useCallsStore } from './calls';
import type { TileAction, TileMenuOffers } from '../components/tile-actions';
import { useNoticesStore } from './notices';
import { usePrefsStore } from './prefs';
import { followInPicture } from './picture-outcomes';
import { mainWords } from '../i18n/main-words';

/** What the operator may set someone's presence to; `not_set` clears it. */
export type PresenceChoice = PresenceState | 'not_set';
export const PRESENCE_CHOICES: readonly PresenceChoice[] = [
  'available',
  'away',
  'xa',
  'chat',
  'unavailable',
  'not_set',
];

/**
 * The receptionist's day beyond moving calls: someone's presence, DND and voicemail, taking a call
 * that rings elsewhere, listening in, and what rings for me. The tiles change only when the PBX's
 * events say so; these actions only ask.
 */
export const useReceptionStore = defineStore('reception', () => {
  const board = useBoardStore();
  const calls = useCallsStore();
  const notices = useNoticesStore();
  const prefs = usePrefsStore();
  const { t } = i18n.global;
  const api = () => switchboard();
  /** The tile whose name the operator is writing her own for, while the prompt is open. */
  const renaming = ref<ExtensionTile>();

  async function run(pending: Promise<IpcResult<unknown>>): Promise<boolean> {
    const result = await pending;
    if (!result.ok) notices.show('error', mainWords(result.error));
    return result.ok;
  }

  /** DND as the tile shows it: from its DND device, or its presence. */
  const dndOf = (tile: ExtensionTile) => tile.dnd || tile.presence?.state === 'dnd';

  /** Asks, then says the change once the tile shows it (the PBX's event), or that it did not come. */
  async function askTileChange(
    tile: ExtensionTile,
    pending: Promise<IpcResult<unknown>>,
    shows: (now: ExtensionTile) => boolean,
    words: { readonly state: string },
  ): Promise<boolean> {
    if (!(await run(pending))) return false;
    const who = tile.name ? `${tile.exten} ${tile.name}` : tile.exten;
    followInPicture({
      pending: t('reception.asked', { who, ...words }),
      judge: (picture) => {
        const now = picture.extensions[tile.id];
        return now && shows(now) ? { tone: 'success', text: t('reception.shown', { who, ...words }) } : undefined;
      },
      unseen: t('reception.unseen', { who, ...words }),
    });
    return true;
  }

  const setPresence = (tile: ExtensionTile, state: PresenceChoice) =>
    askTileChange(
      tile,
      api().extensions.setPresence({ extensionId: tile.id, state }),
      (now) => (state === 'not_set' ? now.presence === undefined : now.presence?.state === state),
      { state: state === 'not_set' ? t('reception.noPresence') : t(`presence.${state}`) },
    );
  const setDnd = (tile: ExtensionTile, on: boolean) =>
    askTileChange(tile, api().extensions.setDnd({ extensionId: tile.id, on }), (now) => dndOf(now) === on, {
      state: on ? t('presence.dnd') : t('reception.dndOff'),
    });
  const callVoicemail = (tile: ExtensionTile) => run(api().extensions.callVoicemail({ extensionId: tile.id }));
  const take = (call: LiveCall) => run(api().calls.take({ callId: call.id }));
  const listen = (call: LiveCall, mode: ListenMode, partyId?: string) =>
    run(api().calls.listen({ callId: call.id, mode, ...(partyId ? { partyId } : {}) }));
  const stopListening = (session: ListeningSession) => run(api().calls.stopListening({ listenId: session.id }));

  /** My listening session on a call, if any. */
  const listeningOn = (callId: string): ListeningSession | undefined =>
    Object.values(board.picture.listening).find((session) => session.callId === callId);

  /** A call ringing at this tile that is not mine: one gesture takes it to my phone. */
  function ringingAt(tile: ExtensionTile): LiveCall | undefined {
    return (calls.callsByExtension.get(tile.id) ?? []).find(
      (call) =>
        !calls.isMine(call) && call.parties.some((party) => party.extensionId === tile.id && party.state === 'ringing'),
    );
  }

  /** A call this tile's person talks on that is not mine: I may listen in. */
  function talkingAt(tile: ExtensionTile): LiveCall | undefined {
    return (calls.callsByExtension.get(tile.id) ?? []).find(
      (call) =>
        !calls.isMine(call) && call.parties.some((party) => party.extensionId === tile.id && party.state === 'up'),
    );
  }

  /** A call that rings somewhere else, with no one of mine on it: one gesture takes it to my phone. */
  const canTake = (call: LiveCall) =>
    !calls.isMine(call) && call.parties.some((party) => party.extensionId !== undefined && party.state === 'ringing');

  const partyAt = (call: LiveCall, tile: ExtensionTile) =>
    call.parties.find((party) => party.extensionId === tile.id)?.partyId;

  /** An action from a tile's menu or keys; one that does not apply to the tile now does nothing. */
  async function act(tile: ExtensionTile, action: TileAction): Promise<boolean> {
    switch (action.kind) {
      case 'voicemail':
        return tile.voicemail ? callVoicemail(tile) : false;
      case 'dnd':
        return setDnd(tile, action.on);
      case 'presence':
        return setPresence(tile, action.state);
      case 'favourite':
        await prefs.toggleFavourite(tile.id);
        return true;
      case 'rename':
        if (!prefs.canRename) return false;
        renaming.value = tile;
        return true;
      case 'take': {
        const call = ringingAt(tile);
        return call ? take(call) : false;
      }
      case 'listen': {
        const call = prefs.listenIn ? talkingAt(tile) : undefined;
        return call ? listen(call, action.mode, partyAt(call, tile)) : false;
      }
    }
  }

  const menuOffersOf = (tile: ExtensionTile): TileMenuOffers => ({
    dnd: dndOf(tile),
    favourite: prefs.favourites.includes(tile.id),
    canTake: ringingAt(tile) !== undefined,
    canListen: prefs.listenIn && talkingAt(tile) !== undefined,
    canRename: prefs.canRename,
  });

  const now = useClock();
  /**
   * What rings for me now, and who waits in a queue past the profile's threshold, by the rule
   * (src-shared/notification-rules.ts) main uses for a native notification.
   */
  const alerts = computed(() => [
    ...incomingCallAlerts(calls.calls, calls.identity.myExtensionId),
    ...queueWaitAlerts(Object.values(board.picture.queues), prefs.queueWatch, now.value),
  ]);
  const myVoicemail = computed(() => {
    const mine = calls.identity.myExtensionId;
    return mine ? board.picture.extensions[mine]?.voicemail : undefined;
  });

  /** Saves the prompt's name (empty: the PBX's name again) and closes it. */
  async function rename(name: string): Promise<void> {
    const tile = renaming.value;
    renaming.value = undefined;
    if (tile) await prefs.setOwnName(tile.id, name.trim());
  }

  return {
    act,
    menuOffersOf,
    renaming,
    rename,
    setPresence,
    setDnd,
    dndOf,
    callVoicemail,
    take,
    listen,
    stopListening,
    listeningOn,
    ringingAt,
    talkingAt,
    canTake,
    partyAt,
    alerts,
    myVoicemail,
  };
});
