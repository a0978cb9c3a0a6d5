import { nextTick, ref } from 'vue';
import type { ExtensionTile, LampState, LiveCall } from '../../src-preload/state';
import type { TransferMode } from '../../src-shared/transfer-mode';
import { joinPeople, othersOn, personLabel } from '../components/call-words';
import { i18n } from '../i18n';
import { useCallsStore, type DragPayload } from '../stores/calls';
import { useParkingStore } from '../stores/parking';
import { useQueuesStore } from '../stores/queues';
import { useDragSource } from './drag-source';

/** While something is dragged: whether this tile takes it, and whether it warns first. */
export type TileDropState = 'none' | 'accepts' | 'warns';
type Reachability = 'reachable' | 'busy' | 'unavailable';

/** What waits for the operator's yes: a hang-up, a dial while on a call, or a drop onto a busy or unavailable extension. */
export type PendingConfirmation = { readonly message: string } & (
  | { readonly kind: 'hangup'; readonly call: LiveCall }
  | { readonly kind: 'dial'; readonly target: string }
  | { readonly kind: 'drop'; readonly tile: ExtensionTile; readonly payload: DragPayload; readonly mode: TransferMode }
);

export interface TransferDraft {
  readonly call: LiveCall;
  readonly mode: TransferMode;
  /** Started on a tile: its person stays, the other one moves. */
  readonly fromExtensionId?: string;
}

const REACHABILITY: Readonly<Record<LampState, Reachability>> = {
  idle: 'reachable',
  ringing: 'reachable',
  inUse: 'busy',
  busy: 'busy',
  onHold: 'busy',
  inUseRinging: 'busy',
  inUseOnHold: 'busy',
  unavailable: 'unavailable',
  removed: 'unavailable',
  unknown: 'unavailable',
};

/** Shift or Alt held at the drop asks for an attended transfer. */
const modeOf = (event: DragEvent | KeyboardEvent): TransferMode =>
  event.shiftKey || event.altKey ? 'attended' : 'blind';
const MODIFIERS = new Set(['Shift', 'Alt']);

/** The board's call gestures: drag and drop, the keyboard transfer, and the confirmations they need. */
export function useCallGestures() {
  const calls = useCallsStore();
  const parking = useParkingStore();
  const queues = useQueuesStore();
  const { t } = i18n.global;
  const confirming = ref<PendingConfirmation | undefined>();
  const transferring = ref<TransferDraft | undefined>();
  /** The modifier as last pressed or released: some drag sources report no modifier keys on their drop events. */
  let heldMode: TransferMode = 'blind';
  /** Where focus was when a dialog opened: it goes back there (or to the same call or tile) when it closes. */
  let returnFocus: { element: Element | null; selector: string | undefined } | undefined;

  function rememberFocus(selector?: string): void {
    returnFocus = { element: document.activeElement, selector };
  }

  function restoreFocus(): void {
    const back = returnFocus;
    returnFocus = undefined;
    void nextTick(() => {
      const element = back?.element?.isConnected
        ? back.element
        : back?.selector && document.querySelector(back.selector);
      if (element instanceof HTMLElement && element !== document.body) element.focus();
    });
  }

  const { start: startDrag, end: endDrag } = useDragSource();

  function dropStateOf(tile: ExtensionTile): TileDropState {
    const payload = calls.dragging;
    if (!payload || (payload.kind === 'call' && payload.fromExtensionId === tile.id)) return 'none';
    return REACHABILITY[tile.lamp] === 'reachable' ? 'accepts' : 'warns';
  }

  function dropOnTile(tile: ExtensionTile, event: DragEvent): void {
    const payload = calls.dragging;
    endDrag();
    if (!payload) return;
    const mode = heldMode === 'attended' ? 'attended' : modeOf(event);
    const reach = REACHABILITY[tile.lamp];
    if (reach === 'reachable') {
      void send(tile, payload, mode);
      return;
    }
    const who = personLabel({ number: tile.exten, name: tile.name });
    const state = reach === 'busy' ? t('calls.dropBusy') : t('calls.dropUnavailable');
    const waiting = payload.kind === 'queueCaller' ? queues.callerOf(payload.queueId, payload.callerId) : undefined;
    const message = waiting
      ? t('queues.dropWarning', { who, state, caller: personLabel(waiting.caller) })
      : t('calls.dropWarning', { who, state });
    rememberFocus();
    confirming.value = { kind: 'drop', tile, payload, mode, message };
  }

  async function send(tile: ExtensionTile, payload: DragPayload, mode: TransferMode): Promise<void> {
    if (payload.kind === 'parked') {
      await parking.move(payload.slot, tile.exten);
      return;
    }
    if (payload.kind === 'queueCaller') {
      const waiting = queues.callerOf(payload.queueId, payload.callerId);
      if (waiting) await queues.pull(waiting.queue, waiting.caller, tile.exten);
      return;
    }
    await calls.transfer({
      callId: payload.callId,
      target: tile.exten,
      mode,
      ...(payload.partyId ? { partyId: payload.partyId } : {}),
      // From a tile of my own call, the other person moves, as from the calls panel.
      ...(payload.fromExtensionId && !mineNow(payload.callId) ? { fromExtensionId: payload.fromExtensionId } : {}),
    });
  }

  function mineNow(callId: string): boolean {
    const call = calls.calls.find((known) => known.id === callId);
    return call !== undefined && calls.isMine(call);
  }

  function dropOnParking(): void {
    const payload = calls.dragging;
    endDrag();
    if (payload?.kind === 'call') void calls.park(payload.callId, payload.partyId);
  }

  /** The prompt names the people I would cut off: the other party of my call, or both of someone else's. */
  function askHangup(call: LiveCall): void {
    const mine = calls.isMine(call);
    const message = mine
      ? t('calls.confirmHangup', { who: othersOn(call, calls.identity.myExtensionId) })
      : t('calls.confirmHangupBetween', { who: joinPeople(call.parties.map(personLabel)) });
    rememberFocus(`.call[data-call="${call.id}"]`);
    confirming.value = { kind: 'hangup', call, message };
  }

  /** Dials at once, or asks first when I am already on a call (my phone would ring for the new one). */
  function askDial(target: string): void {
    const [current] = calls.myCalls;
    if (!current) {
      void calls.dial(target);
      return;
    }
    rememberFocus();
    const who = othersOn(current, calls.identity.myExtensionId);
    confirming.value = { kind: 'dial', target, message: t('dial.alreadyOnCall', { who, target }) };
  }

  function confirm(): void {
    const pending = confirming.value;
    confirming.value = undefined;
    restoreFocus();
    if (pending?.kind === 'hangup') void calls.hangup(pending.call.id);
    else if (pending?.kind === 'dial') void calls.dial(pending.target);
    else if (pending?.kind === 'drop') void send(pending.tile, pending.payload, pending.mode);
  }

  function cancel(): void {
    confirming.value = undefined;
    restoreFocus();
  }

  function openTransfer(call: LiveCall, mode: TransferMode, fromExtensionId?: string): void {
    calls.selectedCallId = call.id;
    rememberFocus(`.call[data-call="${call.id}"]`);
    transferring.value = { call, mode, ...(fromExtensionId ? { fromExtensionId } : {}) };
  }

  function submitTransfer(target: string, mode: TransferMode): void {
    const draft = transferring.value;
    transferring.value = undefined;
    restoreFocus();
    if (draft)
      void calls.transfer({
        callId: draft.call.id,
        target,
        mode,
        ...(draft.fromExtensionId ? { fromExtensionId: draft.fromExtensionId } : {}),
      });
  }

  function cancelTransfer(): void {
    transferring.value = undefined;
    restoreFocus();
  }

  /** Shift or Alt as last pressed: a drop takes the mode from it. */
  function onKey(event: KeyboardEvent): void {
    if (MODIFIERS.has(event.key)) heldMode = 'attended';
  }

  function onKeyUp(event: KeyboardEvent): void {
    if (MODIFIERS.has(event.key)) heldMode = modeOf(event);
  }

  return {
    confirming,
    transferring,
    startDrag,
    endDrag,
    dropStateOf,
    dropOnTile,
    dropOnParking,
    askHangup,
    askDial,
    confirm,
    cancel,
    openTransfer,
    submitTransfer,
    cancelTransfer,
    onKey,
    onKeyUp,
  };
}
