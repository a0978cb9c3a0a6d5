import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ConnectRequest, IpcError, SessionStatus } from '../../src-preload/contract';
import { MainError, switchboard, unwrap } from '../services/switchboard';

export const useSessionStore = defineStore('session', () => {
  const status = ref<SessionStatus>({ kind: 'disconnected' });
  const busy = ref(false);
  /** A refusal of the request itself (no secret saved, a refused argument), apart from the link's status. */
  const requestError = ref<IpcError | undefined>();

  const isLive = computed(() => status.value.kind === 'connected' || status.value.kind === 'reconnecting');
  const showsBoard = computed(() => isLive.value || (status.value.kind === 'connecting' && status.value.attempt > 1));

  /** Follows main's status; returns the unsubscribe for the app's teardown. */
  function follow(): () => void {
    const stop = switchboard().session.onStatus((next) => (status.value = next));
    void unwrap(switchboard().session.status()).then((current) => (status.value = current));
    return stop;
  }

  async function connect(request: ConnectRequest): Promise<void> {
    busy.value = true;
    requestError.value = undefined;
    try {
      status.value = await unwrap(switchboard().session.connect(request));
    } catch (error) {
      requestError.value =
        error instanceof MainError
          ? { code: error.code, message: error.message, refusal: error.refusal }
          : { code: 'internal', message: String(error) };
    } finally {
      busy.value = false;
    }
  }

  async function disconnect(): Promise<void> {
    status.value = await unwrap(switchboard().session.disconnect());
  }

  return { status, busy, requestError, isLive, showsBoard, follow, connect, disconnect };
});
