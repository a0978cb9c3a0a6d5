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

/** A voicemail box's messages, as the PBX counts them. */
export interface Voicemail {
  /** `box@context`, e.g. `101@default`. */
  readonly mailbox: string;
  readonly newMessages: number;
  readonly oldMessages: number;
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
  /** Set when the extension has a voicemail box (VoicemailUsersList). */
  readonly voicemail?: Voicemail;
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

/** A queue member's phone as the queue sees it (app_queue's device state, `Status` 0-8). */
export type QueueMemberState =
  'idle' | 'inUse' | 'busy' | 'ringing' | 'inUseRinging' | 'onHold' | 'unavailable' | 'invalid' | 'unknown';

export interface QueueMember {
  /** Main-issued id (never the member's interface). */
  readonly id: string;
  /** The member's name in the queue (`Operator 118`). */
  readonly name: string;
  /** The board tile of the member's phone, when it is one of ours. */
  readonly extensionId: string | undefined;
  readonly state: QueueMemberState;
  readonly paused: boolean;
  /** Why, as given when pausing; empty when none was given. */
  readonly pausedReason: string;
  readonly callsTaken: number;
  /** Epoch ms of the last call the member took from this queue. */
  readonly lastCallAt: number | undefined;
  /** Added at run time (QueueAdd), so it may be removed; static members come from queues.conf. */
  readonly dynamic: boolean;
}

export interface QueueCaller {
  /** Main-issued id (never the caller's channel). */
  readonly id: string;
  /** 1 is the next to be answered. */
  readonly position: number;
  readonly number: string;
  readonly name: string;
  /** Epoch ms at which the caller joined the queue. */
  readonly joinedAt: number;
  /** Members being rung for this caller now. */
  readonly ringing: readonly string[];
}

export interface CallQueue {
  /** Main-issued id. */
  readonly id: string;
  /** The queue's name on the PBX (`operator`). */
  readonly name: string;
  /** In queue order. */
  readonly callers: readonly QueueCaller[];
  readonly members: readonly QueueMember[];
  /** Calls answered and abandoned since the PBX started counting (QueueParams). */
  readonly completed: number;
  readonly abandoned: number;
}

/** The operator listening in on a call from her phone (ChanSpy): heard, whispered to, or barged. */
export interface ListeningSession {
  /** Main-issued id, for stopping it. */
  readonly id: string;
  /** The call listened to, and the person whose side she joined. */
  readonly callId: string;
  readonly partyId: string;
  readonly mode: 'listen' | 'whisper' | 'barge';
  /** `calling`: my phone rings first; `listening`: the PBX says ChanSpy started. */
  readonly stage: 'calling' | 'listening';
}

/** Every collection in the picture, by name, with its item type. */
export interface PbxPicture {
  readonly extensions: Readonly<Record<string, ExtensionTile>>;
  readonly calls: Readonly<Record<string, LiveCall>>;
  readonly parked: Readonly<Record<string, ParkedCall>>;
  readonly queues: Readonly<Record<string, CallQueue>>;
  readonly listening: Readonly<Record<string, ListeningSession>>;
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

export const PICTURE_COLLECTIONS: readonly PictureCollection[] = [
  'extensions',
  'calls',
  'parked',
  'queues',
  'listening',
];

export function emptyPicture(): PbxPicture {
  return { extensions: {}, calls: {}, parked: {}, queues: {}, listening: {} };
}

/** Applies a patch to a picture, returning a new picture (the renderer's stores and tests share this). */
export function applyPatch(picture: PbxPicture, patch: PicturePatch): PbxPicture {
  const next: Record<string, unknown> = { ...picture[patch.collection] };
  for (const id of patch.remove) delete next[id];
  for (const item of patch.upsert) next[idOf(patch.collection, item)] = item;
  return { ...picture, [patch.collection]: next };
}

/** Each collection's key: parked calls by `slot`, the others by `id`. */
export function idOf<C extends PictureCollection>(collection: C, item: ItemOf<C>): string {
  return collection === 'parked'
    ? (item as ParkedCall).slot
    : (item as ExtensionTile | LiveCall | CallQueue | ListeningSession).id;
}
