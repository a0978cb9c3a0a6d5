import {
  EVENT_CHANNELS,
  METHOD_CHANNELS,
  type EventChannel,
  type IpcResult,
  type MethodChannel,
  type SwitchboardApi,
} from './contract';

/** How contract calls travel: Electron IPC in the app, a loopback WebSocket in the browser bridge. */
export interface ContractTransport {
  invoke(channel: MethodChannel, args: unknown): Promise<IpcResult<unknown>>;
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

const listenerName = (verb: string) => `on${verb.charAt(0).toUpperCase()}${verb.slice(1)}`;

/** Builds `window.switchboard` from the contract's names: named methods only, never a generic pipe. */
export function buildSwitchboardApi(transport: ContractTransport): SwitchboardApi {
  const api: Record<string, Record<string, (arg?: unknown) => unknown>> = {};
  for (const channel of METHOD_CHANNELS) {
    const [domain, verb] = channel.split(':') as [string, string];
    (api[domain] ??= {})[verb] = (args?: unknown) => transport.invoke(channel, args);
  }
  for (const channel of EVENT_CHANNELS) {
    const [domain, verb] = channel.split(':') as [string, string];
    (api[domain] ??= {})[listenerName(verb)] = (listener?: unknown) => {
      if (typeof listener !== 'function') throw new TypeError(`${channel} needs a listener function`);
      const notify = listener as (payload: unknown) => void;
      return transport.subscribe(channel, (payload) => notify(payload));
    };
  }
  // The mapped SwitchboardApi type is derived from the same tables iterated above.
  return api as SwitchboardApi;
}
