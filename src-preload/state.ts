/**
 * The operator's picture of the PBX as it crosses IPC: plain data, no behaviour.
 * Main builds it (src-main/pbx), the renderer shows it. Ids are issued by main.
 */

/** What an extension's lamp shows, decoded from Asterisk's hint status bit field. */
export type LampState =
  | 'idle'
  | 'ringing'
  | 'inUse'
  | 'busy'
  | 'onHold'
  | 'inUseRinging'
  | 'inUseOnHold'
  | 'unavailable'
  | 'removed'
  | 'unknown';

export const LAMP_STATES: readonly LampState[] = [
  'idle',
  'ringing',
  'inUse',
  'busy',
  'onHold',
  'inUseRinging',
  'inUseOnHold',
  'unavailable',
  'removed',
  'unknown',
];

/** What a person set as their presence (the hint's presence provider), apart from what the phone does. */
export type PresenceState = 'available' | 'away' | 'dnd' | 'xa' | 'chat' | 'unavailable';

export const PRESENCE_STATES: readonly PresenceState[] = ['available', 'away', 'dnd', 'xa', 'chat', 'unavailable'];

export interface Presence {
  readonly state: PresenceState;
  /** e.g. `lunch`; empty when none was given. */
  readonly subtype: string;
  /** e.g. `Back at two`; empty when none was given. */
  readonly message: string;
}

export interface ExtensionTile {
  /** `exten@context`, the hint's identity on the PBX. */
  readonly id: string;
  readonly exten: string;
  readonly context: string;
  /** The hint's device(s), e.g. `PJSIP/100&Custom:DND100`. */
  readonly hint: string;
  /** A person's name when the PBX tells one, else empty. */
  readonly name: string;
  /** The phone's state; a DND device in the hint does not count (that is `dnd`). */
  readonly lamp: LampState;
  /** Set when the hint has a presence provider (`,CustomPresence:110`) that is set. */
  readonly presence: Presence | undefined;
  /** Do not disturb, from a FreePBX-style `Custom:DND<exten>` device in the hint. */
  readonly dnd: boolean;
}

export type CallState = 'dialing' | 'ringing' | 'up' | 'onHold' | 'parked';
export type CallDirection = 'inbound' | 'outbound' | 'internal';
export type RecordingState = 'none' | 'recording' | 'paused';

export interface CallParty {
  /** Main-issued id of this party's channel (never a raw channel name). */
  readonly partyId: string;
  /** `exten@context` of the board tile this party belongs to, when it is one of ours. */
  readonly extensionId: string | undefined;
  readonly number: string;
  readonly name: string;
  readonly state: CallState;
  readonly recording: RecordingState;
}

export interface LiveCall {
  /** Main-issued id; stable for the call's life. */
  readonly id: string;
  readonly state: CallState;
  readonly direction: CallDirection;
  /** Epoch ms when the first channel appeared. */
  readonly startedAt: number;
  /** Epoch ms when it was answered, if it was. */
  readonly answeredAt: number | undefined;
  readonly parties: readonly CallParty[];
}

export interface ParkedCall {
  /** Parking space, e.g. `701`. */
  readonly slot: string;
  readonly lot: string;
  readonly callId: string | undefined;
  readonly parkee: { readonly number: string; readonly name: string };
  readonly parkedBy: { readonly number: string; readonly name: string };
  readonly parkedAt: number;
  /** Epoch ms at which the PBX will send the call back. */
  readonly timeoutAt: number;
}

/** Every collection in the picture, by name, with its item type. */
export interface PbxPicture {
  readonly extensions: Readonly<Record<string, ExtensionTile>>;
  readonly calls: Readonly<Record<string, LiveCall>>;
  readonly parked: Readonly<Record<string, ParkedCall>>;
}

export type PictureCollection = keyof PbxPicture;

export type ItemOf<C extends PictureCollection> = PbxPicture[C][string];

/** A batch of changes to one collection: the latest value of each changed item, and removed ids. */
export type PicturePatch = {
  [C in PictureCollection]: {
    readonly collection: C;
    readonly upsert: readonly ItemOf<C>[];
    readonly remove: readonly string[];
  };
}[PictureCollection];

export const PICTURE_COLLECTIONS: readonly PictureCollection[] = ['extensions', 'calls', 'parked'];

export function emptyPicture(): PbxPicture {
  return { extensions: {}, calls: {}, parked: {} };
}

/** Applies a patch to a picture, returning a new picture (the renderer's stores and tests share this). */
export function applyPatch(picture: PbxPicture, patch: PicturePatch): PbxPicture {
  const next: Record<string, unknown> = { ...picture[patch.collection] };
  for (const id of patch.remove) delete next[id];
  for (const item of patch.upsert) next[idOf(patch.collection, item)] = item;
  return { ...picture, [patch.collection]: next };
}

/** Each collection's key: extensions and calls by `id`, parked calls by `slot`. */
export function idOf<C extends PictureCollection>(collection: C, item: ItemOf<C>): string {
  return collection === 'parked' ? (item as ParkedCall).slot : (item as ExtensionTile | LiveCall).id;
}
