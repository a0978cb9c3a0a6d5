import type { EventChannel, IpcResult, SwitchboardApi } from '../../src-preload/contract';
import { buildSwitchboardApi } from '../../src-preload/api';
import type { BridgeClientMessage, BridgeServerMessage } from '../../src-preload/bridge-protocol';
import { bridgeToken } from './switchboard';

/** `window.switchboard` over the loopback WebSocket bridge; the token comes in the page's #fragment. */
export function connectBridge(): SwitchboardApi {
  const token = bridgeToken();
  const socket = new WebSocket(`ws://${location.host}/contract?token=${encodeURIComponent(token)}`);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('bridge unreachable')), { once: true });
  });
  const pending = new Map<number, (result: IpcResult<unknown>) => void>();
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  let nextId = 1;

  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as BridgeServerMessage;
    if (message.kind === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else {
      for (const listener of listeners.get(message.channel) ?? []) listener(message.payload);
    }
  });
  socket.addEventListener('close', () => {
    for (const settle of pending.values()) {
      settle({ ok: false, error: { code: 'bridgeClosed', message: 'The connection to Switchboard was lost.' } });
    }
    pending.clear();
  });

  return buildSwitchboardApi({
    async invoke(channel, args) {
      try {
        await opened;
      } catch {
        return { ok: false, error: { code: 'bridgeClosed', message: 'Switchboard could not be reached.' } };
      }
      const id = nextId++;
      const message: BridgeClientMessage = { kind: 'invoke', id, channel, args };
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify(message));
      });
    },
    subscribe(channel, listener) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  });
}
