import { defineStore } from 'pinia';
import { computed, nextTick, ref, watch } from 'vue';
import type {
  CommandProgress,
  CommandReceipt,
  ConsultationEnd,
  IpcResult,
  OperatorIdentity,
  RecordingAction,
  TransferRequest,
} from '../../src-preload/contract';
import type { LiveCall, RecordingState } from '../../src-preload/state';
import { isMyCall, movedParty, othersOn, personLabel, recordingOf } from '../components/call-words';
import { i18n } from '../i18n';
import { switchboard } from '../services/switchboard';
import { useBoardStore } from './board';
import { useNoticesStore } from './notices';
import { followInPicture } from './picture-outcomes';
import { useSessionStore } from './session';
import { mainWords, saidWords } from '../i18n/main-words';

/** Unanswered calls first (a caller is waiting), then the rest; each oldest first. */
export function byLongestWaiting(a: LiveCall, b: LiveCall): number {
  const waiting = (call: LiveCall) => (call.answeredAt === undefined ? 0 : 1);
  return waiting(a) - waiting(b) || a.startedAt - b.startedAt || a.id.localeCompare(b.id);
}

/** What is being dragged: a call (from the calls panel or a tile), a parked call, or a caller waiting in a queue. */
export type DragPayload =
  | { readonly kind: 'call'; readonly callId: string; readonly fromExtensionId?: string; readonly partyId?: string }
  | { readonly kind: 'parked'; readonly slot: string }
  | { readonly kind: 'queueCaller'; readonly queueId: string; readonly callerId: string };

const NO_ONE: OperatorIdentity = { myDevice: undefined, myExtensionId: undefined };

export const useCallsStore = defineStore('calls', () => {
  const board = useBoardStore();
  const session = useSessionStore();
  const notices = useNoticesStore();
  const { t } = i18n.global;

  const identity = ref<OperatorIdentity>(NO_ONE);
  const selectedCallId = ref<string | undefined>();
  const dragging = ref<DragPayload | undefined>();
  /** Attended transfers now in consultation: command id → the extension being consulted. */
  const consultations = ref<Record<string, string>>({});

  const calls = computed(() => Object.values(board.picture.calls).sort(byLongestWaiting));
  let previousByExtension = new Map<string, LiveCall[]>();
  const callsByExtension = computed(() => {
    const byExtension = new Map<string, LiveCall[]>();
    for (const call of calls.value) {
      for (const party of call.parties) {
        if (!party.extensionId) continue;
        const list = byExtension.get(party.extensionId) ?? [];
        if (!list.includes(call)) list.push(call);
        byExtension.set(party.extensionId, list);
      }
    }
    // A tile whose calls did not change keeps the very same list, so it does not render again.
    for (const [id, list] of byExtension) {
      const before = previousByExtension.get(id);
      if (before?.length === list.length && before.every((call, i) => call === list[i])) byExtension.set(id, before);
    }
    previousByExtension = byExtension;
    return byExtension;
  });
  const selectedCall = computed(() => (selectedCallId.value ? board.picture.calls[selectedCallId.value] : undefined));

  const isMine = (call: LiveCall) => isMyCall(call, identity.value.myExtensionId);
  /** My calls right now (talking, ringing, on hold): dialling again asks first. */
  const myCalls = computed(() => calls.value.filter(isMine));

  /** The attended transfer whose consultation this call is: my call with the person being consulted. */
  function consultationOn(call: LiveCall): string | undefined {
    if (!isMine(call)) return undefined;
    const entry = Object.entries(consultations.value).find(([, target]) =>
      call.parties.some((party) => party.number === target),
    );
    return entry?.[0];
  }

  /** Runs a command; success stays quiet (or hands over to progress), failure is said in words. */
  async function run(pending: Promise<IpcResult<CommandReceipt>>, success?: string): Promise<boolean> {
    const result = await pending;
    if (!result.ok) {
      notices.show('error', mainWords(result.error));
      return false;
    }
    if (success && result.value.kind === 'done') notices.show('success', success);
    return true;
  }

  const api = () => switchboard();
  const dial = (target: string) => run(api().calls.dial({ target }));
  const transfer = (request: TransferRequest) => run(api().calls.transfer(request));

  /** Parks and says who went to which space, once the parking lot shows them. */
  async function park(callId: string, partyId?: string): Promise<boolean> {
    const call = board.picture.calls[callId];
    const person = call && movedParty(call, partyId, identity.value.myExtensionId);
    const who = person ? personLabel(person) : call ? othersOn(call, identity.value.myExtensionId) : '';
    if (!(await run(api().calls.park({ callId, ...(partyId ? { partyId } : {}) })))) return false;
    followInPicture({
      pending: t('outcome.parking', { who }),
      judge: (picture) => {
        const spot = Object.values(picture.parked).find(
          (parked) => parked.callId === callId || (person !== undefined && parked.parkee.number === person.number),
        );
        if (spot) return { tone: 'success', text: t('outcome.parked', { who, slot: spot.slot }) };
        return picture.calls[callId] ? undefined : { tone: 'error', text: t('outcome.endedBeforePark', { who }) };
      },
      unseen: t('outcome.parkUnseen', { who }),
    });
    return true;
  }

  const RECORDING_AFTER: Readonly<Record<RecordingAction, RecordingState>> = {
    start: 'recording',
    pause: 'paused',
    resume: 'recording',
    stop: 'none',
  };

  /** Records, pauses, resumes or stops, and says which call once its badge shows it. */
  async function record(callId: string, action: RecordingAction): Promise<boolean> {
    const call = board.picture.calls[callId];
    const who = call ? othersOn(call, identity.value.myExtensionId) : '';
    if (!(await run(api().calls.record({ callId, action })))) return false;
    followInPicture({
      pending: t(`outcome.record.${action}.pending`, { who }),
      judge: (picture) => {
        const now = picture.calls[callId];
        if (!now) return { tone: 'error', text: t('outcome.endedBeforeRecord', { who }) };
        return recordingOf(now) === RECORDING_AFTER[action]
          ? { tone: 'success', text: t(`outcome.record.${action}.done`, { who }) }
          : undefined;
      },
      unseen: t('outcome.recordUnseen', { who }),
    });
    return true;
  }

  /** Hangs up and says so once the call is gone from the PBX. */
  async function hangup(callId: string): Promise<boolean> {
    const call = board.picture.calls[callId];
    const who = call ? othersOn(call, identity.value.myExtensionId) : '';
    if (!(await run(api().calls.hangup({ callId })))) return false;
    followInPicture({
      pending: t('outcome.hangingUp', { who }),
      judge: (picture) => (picture.calls[callId] ? undefined : { tone: 'success', text: t('outcome.hungUp', { who }) }),
      unseen: t('outcome.hangupUnseen', { who }),
    });
    return true;
  }
  const finishTransfer = (commandId: string, action: ConsultationEnd) =>
    run(api().calls.finishTransfer({ commandId, action }));

  function showProgress(progress: CommandProgress): void {
    if (progress.command === 'attendedTransfer') {
      const { [progress.commandId]: _ended, ...others } = consultations.value;
      consultations.value =
        progress.stage === 'consulting' ? { ...others, [progress.commandId]: progress.target } : others;
    }
    if (progress.stage === 'failed') {
      notices.show('error', saidWords(progress.said), progress.commandId);
      return;
    }
    const settled = ['connected', 'transferred', 'returned', 'ended'].includes(progress.stage);
    notices.show(
      settled ? 'success' : 'progress',
      t(`progress.${progress.command}.${progress.stage}`, { target: progress.target || t('progress.theCall') }),
      progress.commandId,
    );
  }

  /** Follows command progress and, once connected, who the operator is; returns the unsubscribe. */
  function follow(): () => void {
    const stopProgress = api().calls.onProgress(showProgress);
    // A click on the OS notification of a call: that call is selected and takes the keyboard.
    const stopFocus = api().calls.onFocus(({ callId }) => {
      if (!board.picture.calls[callId]) return;
      selectedCallId.value = callId;
      void nextTick(() => document.querySelector<HTMLElement>(`[data-call="${CSS.escape(callId)}"]`)?.focus());
    });
    const stopWatch = watch(
      () => session.status.kind,
      async (kind) => {
        if (kind !== 'connected') return;
        const result = await api().calls.operator();
        identity.value = result.ok ? result.value : NO_ONE;
      },
      { immediate: true },
    );
    return () => {
      stopProgress();
      stopFocus();
      stopWatch();
    };
  }

  return {
    identity,
    selectedCallId,
    selectedCall,
    dragging,
    calls,
    callsByExtension,
    isMine,
    myCalls,
    consultationOn,
    finishTransfer,
    dial,
    transfer,
    park,
    record,
    hangup,
    follow,
  };
});
