import type { RecordingState } from '../../../src-preload/state';

/**
 * PBX events in the console's own terms. The dialect adapters (adapt-asterisk11.ts,
 * adapt-asterisk13.ts) turn AMI messages into these; the reducer and the watchers read only these,
 * so each dialect difference lives in its adapter.
 */

/** What an event tells about a channel; absent fields are unknown (not cleared). */
export interface ChannelSnapshot {
  readonly uid: string;
  readonly name: string;
  /** Asterisk's channel state: 0 Down, 4 Ring, 5 Ringing, 6 Up, 7 Busy, ... */
  readonly state?: number;
  readonly callerNum?: string;
  readonly callerName?: string;
  readonly connectedNum?: string;
  readonly connectedName?: string;
  readonly linkedId?: string;
}

export interface ParkerInfo {
  readonly number?: string;
  readonly name?: string;
  /** The parker's channel (Asterisk 11 `From`, 13+ `ParkerChannel`). */
  readonly channel?: string;
  /** The device the call goes back to (13+ `ParkerDialString`, e.g. `PJSIP/200`). */
  readonly dialString?: string;
}

export type UnparkReason = 'pickedUp' | 'timedOut' | 'gaveUp';

/** A PBX service a channel reached: a queue it waits in, a mailbox it leaves a message in. */
export type CallService =
  { readonly kind: 'queue'; readonly queue: string } | { readonly kind: 'voicemail'; readonly mailbox: string };

export type PbxEvent =
  | { readonly kind: 'channel'; readonly channel: ChannelSnapshot }
  | { readonly kind: 'hangup'; readonly uid: string; readonly name: string }
  | { readonly kind: 'rename'; readonly uid: string | undefined; readonly oldName: string; readonly newName: string }
  | { readonly kind: 'dialBegin'; readonly caller: ChannelSnapshot | undefined; readonly dest: ChannelSnapshot }
  | {
      readonly kind: 'dialEnd';
      readonly callerUid: string | undefined;
      readonly destUid: string | undefined;
      readonly status: string;
    }
  | { readonly kind: 'bridgeCreate'; readonly bridgeId: string; readonly holding: boolean }
  | {
      readonly kind: 'bridgeEnter';
      readonly bridgeId: string;
      readonly holding: boolean;
      readonly channel: ChannelSnapshot;
    }
  | { readonly kind: 'bridgeLeave'; readonly bridgeId: string; readonly uid: string }
  | { readonly kind: 'bridgeDestroy'; readonly bridgeId: string }
  | { readonly kind: 'bridgeMerge'; readonly fromBridgeId: string; readonly toBridgeId: string }
  /** Asterisk 11 and older: two channels start or stop talking (Bridge Link/Unlink, 1.4 Link/Unlink). */
  | { readonly kind: 'link'; readonly a: ChannelSnapshot; readonly b: ChannelSnapshot }
  | { readonly kind: 'unlink'; readonly aUid: string; readonly bUid: string }
  | { readonly kind: 'hold'; readonly uid: string; readonly onHold: boolean }
  | { readonly kind: 'musicOnHold'; readonly uid: string; readonly playing: boolean }
  | {
      readonly kind: 'parked';
      readonly slot: string;
      readonly lot: string;
      readonly parkee: ChannelSnapshot;
      readonly parker: ParkerInfo;
      readonly timeoutSecs: number;
      readonly durationSecs: number;
    }
  | { readonly kind: 'unparked'; readonly slot: string; readonly lot: string; readonly reason: UnparkReason }
  | { readonly kind: 'recording'; readonly uid: string; readonly state: RecordingState; readonly file?: string }
  | { readonly kind: 'service'; readonly uid: string; readonly service: CallService }
  | {
      readonly kind: 'originateResponse';
      readonly actionId: string | undefined;
      readonly success: boolean;
      readonly reason: number;
      readonly uid: string | undefined;
      readonly channel: string;
    }
  | { readonly kind: 'blindTransfer'; readonly success: boolean; readonly transfererUid: string | undefined }
  | { readonly kind: 'attendedTransfer'; readonly success: boolean; readonly transfererUid: string | undefined };

/** `<unknown>` is how Asterisk says "no value". */
export function knownValue(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value === '<unknown>' ? '' : value;
}

export function numberOrUndefined(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number.parseInt(value, 10);
  return Number.isNaN(parsed) ? undefined : parsed;
}
