import { onMounted, onUnmounted, ref, watch, type Ref } from 'vue';
import type { LiveCall } from '../../src-preload/state';
import { recordingOf } from '../components/call-words';
import { useBoardStore } from '../stores/board';
import { useCallsStore } from '../stores/calls';
import { useParkingStore } from '../stores/parking';
import { usePrefsStore } from '../stores/prefs';
import { useReceptionStore } from '../stores/reception';
import type { TileAction } from '../components/tile-actions';
import type { useCallGestures } from './call-gestures';

/** Inputs where a letter is text, not a shortcut. A checkbox, radio or select is not one of them. */
const TEXT_TYPES = new Set(['text', 'search', 'tel', 'number', 'password', 'email', 'url']);
const isTextEntry = (target: EventTarget | null) =>
  target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && TEXT_TYPES.has(target.type));

const TILES = '.tile[data-extension]';
const CARDS = '.call[data-call]';

/** What a key acts on: the focused tile, call card or parking space. */
type Focused =
  | { readonly kind: 'tile'; readonly element: HTMLElement; readonly extensionId: string }
  | { readonly kind: 'call'; readonly element: HTMLElement; readonly callId: string }
  | { readonly kind: 'slot'; readonly element: HTMLElement; readonly slot: string };

function focusedOf(target: EventTarget | null): Focused | undefined {
  if (!(target instanceof HTMLElement)) return undefined;
  const card = target.closest<HTMLElement>(CARDS);
  if (card) return { kind: 'call', element: card, callId: card.dataset.call! };
  const tile = target.closest<HTMLElement>(TILES);
  if (tile) return { kind: 'tile', element: tile, extensionId: tile.dataset.extension! };
  const slot = target.closest<HTMLElement>('[data-slot]');
  return slot ? { kind: 'slot', element: slot, slot: slot.dataset.slot! } : undefined;
}

/**
 * Every board action from the keyboard. Keys act on the focused tile, call or parking space; focus
 * stays on what was acted on, and when that disappears (a call ended) it goes to the next call, never
 * to the page body.
 */
export function useBoardKeys(
  gestures: ReturnType<typeof useCallGestures>,
  boxes: {
    readonly filter: Ref<HTMLInputElement | undefined>;
    readonly dial: () => void;
    /** The board's grid: which tile an arrow goes to, and that tile drawn and found. */
    readonly tiles: {
      neighbour(extensionId: string, key: string): string | undefined;
      reveal(extensionId: string): Promise<HTMLElement | undefined>;
    };
  },
) {
  const board = useBoardStore();
  const calls = useCallsStore();
  const parking = useParkingStore();
  const prefs = usePrefsStore();
  const reception = useReceptionStore();
  const showingShortcuts = ref(false);
  let lastFocused: HTMLElement | undefined;
  let beforeShortcuts: HTMLElement | undefined;

  const callOfTile = (extensionId: string): LiveCall | undefined => {
    const here = calls.callsByExtension.get(extensionId) ?? [];
    return here.find((call) => call.id === calls.selectedCallId) ?? here[0];
  };

  function toggleRecording(call: LiveCall): void {
    const state = recordingOf(call);
    void calls.record(call.id, state === 'none' ? 'start' : state === 'recording' ? 'pause' : 'resume');
  }

  function pickUp(call: LiveCall): void {
    const spot = parking.parked.find((parked) => parked.callId === call.id);
    if (spot) void parking.pickup(spot.slot);
  }

  /** T, Shift+T, P, U, R, H on a call (from its card, or the tile it rings or talks on). */
  function actOnCall(call: LiveCall, event: KeyboardEvent, fromExtensionId?: string): boolean {
    switch (event.key.toLowerCase()) {
      case 't':
        gestures.openTransfer(call, event.shiftKey ? 'attended' : 'blind', fromExtensionId);
        return true;
      case 'p':
        void calls.park(call.id);
        return true;
      case 'u':
        pickUp(call);
        return true;
      case 'r':
        toggleRecording(call);
        return true;
      case 'h':
        gestures.askHangup(call);
        return true;
      default:
        return false;
    }
  }

  function onKey(event: KeyboardEvent): void {
    gestures.onKey(event);
    if (gestures.confirming.value || gestures.transferring.value || showingShortcuts.value) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const typing = isTextEntry(event.target);
    if (event.key === '/' && !typing) {
      event.preventDefault();
      boxes.filter.value?.focus();
      return;
    }
    if (event.target === boxes.filter.value) {
      onFilterKey(event);
      return;
    }
    if (typing) return;
    if (event.key === '?') {
      event.preventDefault();
      beforeShortcuts = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
      showingShortcuts.value = true;
      return;
    }
    if (event.key.toLowerCase() === 'd' && !event.shiftKey) {
      event.preventDefault();
      boxes.dial();
      return;
    }
    const focused = focusedOf(event.target);
    // Enter or an arrow on a button inside a card or tile belongs to that button.
    if ((event.key === 'Enter' || event.key.startsWith('Arrow')) && focused && event.target !== focused.element) return;
    if (focused?.kind === 'tile' && event.key.startsWith('Arrow')) {
      const next = boxes.tiles.neighbour(focused.extensionId, event.key);
      if (next) {
        event.preventDefault();
        void boxes.tiles.reveal(next).then((element) => element?.focus());
      }
      return;
    }
    const handled =
      focused?.kind === 'call'
        ? onCallKey(focused.callId, event)
        : focused?.kind === 'tile'
          ? onTileKey(focused.extensionId, event)
          : focused?.kind === 'slot'
            ? onSlotKey(focused.slot, event)
            : onSelectedKey(event);
    if (handled) event.preventDefault();
  }

  function onCallKey(callId: string, event: KeyboardEvent): boolean {
    const call = board.picture.calls[callId];
    if (!call) return false;
    if (event.key === 'Enter') {
      calls.selectedCallId = callId;
      return true;
    }
    return actOnCall(call, event);
  }

  /** M, V, N, F, A, L, W, B on a tile: its menu, or one of the menu's actions at once. */
  function onTileMenuKey(extensionId: string, event: KeyboardEvent): boolean {
    const tile = board.picture.extensions[extensionId];
    if (!tile || event.shiftKey) return false;
    const key = event.key.toLowerCase();
    if (key === 'm' || event.key === 'ContextMenu') {
      document.querySelector<HTMLElement>(`${TILES}[data-extension="${extensionId}"] [data-action="menu"]`)?.click();
      return true;
    }
    const keyed: Readonly<Record<string, TileAction>> = {
      v: { kind: 'voicemail' },
      n: { kind: 'dnd', on: !reception.dndOf(tile) },
      f: { kind: 'favourite' },
      a: { kind: 'take' },
      l: { kind: 'listen', mode: 'listen' },
      w: { kind: 'listen', mode: 'whisper' },
      b: { kind: 'listen', mode: 'barge' },
    };
    const action = keyed[key];
    if (!action) return false;
    void reception.act(tile, action);
    return true;
  }

  /** On a tile: its call (my call moves the other person; someone else's keeps the tile's person). */
  function onTileKey(extensionId: string, event: KeyboardEvent): boolean {
    if (onTileMenuKey(extensionId, event)) return true;
    const exten = board.picture.extensions[extensionId]?.exten;
    const waiting = parking.parked.find((parked) => parked.parkee.number === exten);
    if (event.key.toLowerCase() === 'u' && waiting) {
      void parking.pickup(waiting.slot);
      return true;
    }
    const call = callOfTile(extensionId);
    return call ? actOnCall(call, event, calls.isMine(call) ? undefined : extensionId) : false;
  }

  function onSlotKey(slot: string, event: KeyboardEvent): boolean {
    if (event.key !== 'Enter' && event.key.toLowerCase() !== 'u') return false;
    void parking.pickup(slot);
    return true;
  }

  /** Nothing focused that takes keys: T still works on the selected call. */
  function onSelectedKey(event: KeyboardEvent): boolean {
    const call = calls.selectedCall;
    return call !== undefined && event.key.toLowerCase() === 't' && actOnCall(call, event);
  }

  /** Enter in the filter acts on the one tile it leaves: it dials it, and focus goes to that tile. */
  function onFilterKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') prefs.filter = '';
    if (event.key !== 'Enter' || board.visibleTiles.length !== 1) return;
    const [tile] = board.visibleTiles;
    event.preventDefault();
    // One tile left: the board draws every tile, so it is there to focus now, before any dialog opens.
    document.querySelector<HTMLElement>(`${TILES}[data-extension="${tile!.id}"]`)?.focus();
    gestures.askDial(tile!.exten);
  }

  function closeShortcuts(): void {
    showingShortcuts.value = false;
    const back = beforeShortcuts;
    beforeShortcuts = undefined;
    if (back?.isConnected && back !== document.body) back.focus();
    else boxes.filter.value?.focus();
  }

  /** Remembers what had focus, so that focus can move on when it disappears. */
  function onFocusIn(event: FocusEvent): void {
    if (event.target instanceof HTMLElement) lastFocused = event.target;
  }

  /** The focused call ended or went to the parking lot: focus moves to the next call, else my tile. */
  function keepFocusOnBoard(): void {
    const active = document.activeElement;
    if (active && active !== document.body) return;
    if (!lastFocused || lastFocused.isConnected) return;
    const card = document.querySelector<HTMLElement>(CARDS);
    const me = calls.identity.myExtensionId;
    if (card || !me) (card ?? boxes.filter.value)?.focus();
    else void boxes.tiles.reveal(me).then((element) => (element ?? boxes.filter.value)?.focus());
  }
  watch(
    () => [board.picture.calls, board.picture.parked],
    () => keepFocusOnBoard(),
    { flush: 'post' },
  );

  onMounted(() => {
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', gestures.onKeyUp);
    window.addEventListener('focusin', onFocusIn);
  });
  onUnmounted(() => {
    window.removeEventListener('keydown', onKey);
    window.removeEventListener('keyup', gestures.onKeyUp);
    window.removeEventListener('focusin', onFocusIn);
  });

  return { showingShortcuts, closeShortcuts };
}
