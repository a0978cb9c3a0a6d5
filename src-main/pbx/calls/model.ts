import type { RecordingState } from '../../../src-preload/state';
import type { CallService, ParkerInfo } from './events';

/** One Asterisk channel as the console knows it, keyed by its Uniqueid (which survives renames). */
export interface ChannelRecord {
  readonly uid: string;
  readonly name: string;
  readonly state: number;
  readonly callerNum: string;
  readonly callerName: string;
  readonly connectedNum: string;
  readonly connectedName: string;
  readonly linkedId: string | undefined;
  readonly createdAt: number;
  readonly answeredAt: number | undefined;
  /** The (non-holding or holding) bridge it is in; `link:…` for an Asterisk 11 Link. */
  readonly bridgeId: string | undefined;
  /** Uid of the channel that is dialling this one, until it answers into a bridge or the dial ends. */
  readonly dialedBy: string | undefined;
  readonly onHold: boolean;
  readonly recording: RecordingState;
  readonly recordingFile: string | undefined;
  /** The queue or mailbox it last reached, for the call history. */
  readonly service: CallService | undefined;
  /** Main-issued, stable for the channel's life. */
  readonly partyId: string;
  /** Main-issued id of the call (connected group of channels) it is part of. */
  readonly callId: string;
}

export interface BridgeRecord {
  readonly id: string;
  /** A parking lot or holding area: its channels do not talk to each other. */
  readonly holding: boolean;
}

export interface ParkedRecord {
  readonly slot: string;
  readonly lot: string;
  readonly parkeeUid: string;
  readonly parkeeNumber: string;
  readonly parkeeName: string;
  readonly parker: ParkerInfo;
  readonly parkedAt: number;
  readonly timeoutAt: number;
}

export interface PbxModel {
  /** Prefix of every id this model issues, so an id from before a reconnect never names a new call. */
  readonly idPrefix: string;
  readonly nextSeq: number;
  /** In creation order. */
  readonly channels: ReadonlyMap<string, ChannelRecord>;
  readonly bridges: ReadonlyMap<string, BridgeRecord>;
  /** By parking space. */
  readonly parked: ReadonlyMap<string, ParkedRecord>;
  /** Call id → uids of its channels, in creation order. */
  readonly calls: ReadonlyMap<string, readonly string[]>;
}

export function emptyModel(idPrefix: string): PbxModel {
  return { idPrefix, nextSeq: 1, channels: new Map(), bridges: new Map(), parked: new Map(), calls: new Map() };
}

/** Oldest first; Asterisk's uniqueid sequence (`lab-1795379000.24` → 24) breaks ties within a millisecond or second. */
export function compareChannelAge(a: ChannelRecord, b: ChannelRecord): number {
  return a.createdAt - b.createdAt || uniqueidOrder(a.uid) - uniqueidOrder(b.uid);
}

function uniqueidOrder(uid: string): number {
  const match = /(\d+)\.(\d+)$/.exec(uid);
  return match ? Number(match[1]) * 1e6 + Number(match[2]) : 0;
}
