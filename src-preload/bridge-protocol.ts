import type { EventChannel, IpcResult } from './contract';

/** Messages of the loopback WebSocket bridge that stands in for Electron IPC in a plain browser. */
export type BridgeClientMessage = {
  readonly kind: 'invoke';
  readonly id: number;
  readonly channel: string;
  readonly args: unknown;
};

export type BridgeServerMessage =
  | { readonly kind: 'result'; readonly id: number; readonly result: IpcResult<unknown> }
  | { readonly kind: 'event'; readonly channel: EventChannel; readonly payload: unknown };
