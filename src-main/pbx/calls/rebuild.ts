import { CHANNEL_STATE, channelStateCodeOf } from '../../ami/channel-state';
import { isSuccessResponse, type AmiMessage } from '../../ami/message';
import type { PbxDialect } from '../dialect';
import { PbxRefusal, type AmiRequester } from '../requester';
import { adaptAsterisk11 } from './adapt-asterisk11';
import { adaptAsterisk13, isHoldingBridge } from './adapt-asterisk13';
import { knownValue, numberOrUndefined } from './events';
import { regroupCalls } from './grouping';
import { compareChannelAge, emptyModel, type ChannelRecord, type PbxModel } from './model';
import { reduceModel } from './reducer';

/** What the PBX lists after a (re)connect: the raw list items, per dialect. */
export interface PbxListing {
  /** 13+: CoreShowChannel items; 11: Status items. */
  readonly channels: readonly AmiMessage[];
  /** 13+: BridgeListItem items (which bridges are holding bridges); 11: none. */
  readonly bridges: readonly AmiMessage[];
  /** ParkedCall items of ParkedCalls. */
  readonly parked: readonly AmiMessage[];
}

/** Lists channels, bridges and parked calls from the PBX. Throws PbxRefusal when the PBX refuses one. */
export async function fetchPbxListing(ami: AmiRequester, dialect: PbxDialect): Promise<PbxListing> {
  const list = async (action: string) => {
    const result = await ami.list(action);
    if (!isSuccessResponse(result.response)) throw PbxRefusal.from(action, result.response);
    return result.items;
  };
  // Asked for at once: the answers are matched by ActionID.
  if (dialect.family === 'asterisk-11') {
    const [channels, parked] = await Promise.all([list('Status'), list('ParkedCalls')]);
    return { channels, bridges: [], parked };
  }
  const [channels, bridges, parked] = await Promise.all([
    list('CoreShowChannels'),
    list('BridgeList'),
    list('ParkedCalls'),
  ]);
  return { channels, bridges, parked };
}

/** `00:01:05` → 65. */
function durationSeconds(text: string | undefined): number {
  if (!text) return 0;
  if (!text.includes(':')) return numberOrUndefined(text) ?? 0;
  return text.split(':').reduce((total, part) => total * 60 + (Number.parseInt(part, 10) || 0), 0);
}

function channelFromListItem(
  item: AmiMessage,
  dialect: PbxDialect,
  now: number,
  seq: number,
  idPrefix: string,
): ChannelRecord | undefined {
  const name = item.get('Channel');
  const uid = item.get('Uniqueid') ?? item.get('UniqueID');
  if (!name || !uid) return undefined;
  const seconds = durationSeconds(item.get('Duration') ?? item.get('Seconds'));
  const createdAt = now - seconds * 1000;
  const stateWord = item.get('ChannelStateDesc') ?? item.get('State');
  const state =
    numberOrUndefined(item.get('ChannelState')) ??
    (stateWord === undefined ? undefined : channelStateCodeOf(stateWord)) ??
    CHANNEL_STATE.down;
  const bridge = dialect.family === 'asterisk-11' ? undefined : (item.get('BridgeId') ?? item.get('BridgeID'));
  return {
    uid,
    name,
    state,
    callerNum: knownValue(item.get('CallerIDNum') ?? item.get('CallerID')) ?? '',
    callerName: knownValue(item.get('CallerIDName')) ?? '',
    connectedNum: knownValue(item.get('ConnectedLineNum')) ?? '',
    connectedName: knownValue(item.get('ConnectedLineName')) ?? '',
    linkedId: item.get('Linkedid') ?? item.get('LinkedID'),
    createdAt,
    answeredAt: state === CHANNEL_STATE.up ? createdAt : undefined,
    bridgeId: bridge || undefined,
    dialedBy: undefined,
    onHold: false,
    // No list tells whether a channel is being recorded: the badge returns with the next recording event.
    recording: 'none',
    recordingFile: undefined,
    service: undefined,
    partyId: `${idPrefix}p${seq}`,
    callId: '',
  };
}

/** Applications whose channel, not yet bridged, is dialling someone. */
const DIALLING_APPLICATIONS = new Set(['dial', 'queue', 'followme']);

/**
 * A fresh model from the PBX's lists alone (never from the model before the disconnect).
 * Pure: `now` dates the channels from their listed durations.
 */
export function assembleModel(listing: PbxListing, dialect: PbxDialect, idPrefix: string, now: number): PbxModel {
  let seq = 1;
  const channels = new Map<string, ChannelRecord>();
  const applications = new Map<string, string>();
  for (const item of listing.channels) {
    const channel = channelFromListItem(item, dialect, now, seq, idPrefix);
    if (!channel || channels.has(channel.uid)) continue;
    seq++;
    channels.set(channel.uid, channel);
    applications.set(channel.uid, (item.get('Application') ?? '').toLowerCase());
  }
  // Oldest first, as live events would have created them.
  const ordered = new Map([...channels.values()].sort(compareChannelAge).map((channel) => [channel.uid, channel]));

  if (dialect.family === 'asterisk-11') linkStatusPairs(listing.channels, ordered);
  else joinRingingCallees(ordered, applications);

  const bridges = new Map(
    listing.bridges.flatMap((item) => {
      const id = item.get('BridgeUniqueid');
      return id ? [[id, { id, holding: isHoldingBridge(item) }] as const] : [];
    }),
  );
  let model: PbxModel = { ...emptyModel(idPrefix), nextSeq: seq, channels: ordered, bridges };
  model = regroupCalls(model);
  const adapt = dialect.family === 'asterisk-11' ? adaptAsterisk11 : adaptAsterisk13;
  for (const item of listing.parked) {
    for (const event of adapt(item)) if (event.kind === 'parked') model = reduceModel(model, event, now);
  }
  return model;
}

/** Asterisk 11's Status names each channel's bridged peer. */
function linkStatusPairs(items: readonly AmiMessage[], channels: Map<string, ChannelRecord>): void {
  for (const item of items) {
    const uid = item.get('Uniqueid') ?? item.get('UniqueID');
    const peerUid = item.get('BridgedUniqueid');
    const peerName = item.get('BridgedChannel') ?? item.get('Link');
    const channel = uid ? channels.get(uid) : undefined;
    if (!channel) continue;
    const peer =
      (peerUid ? channels.get(peerUid) : undefined) ??
      (peerName ? [...channels.values()].find((candidate) => candidate.name === peerName) : undefined);
    if (!peer) continue;
    const bridgeId = channel.bridgeId ?? peer.bridgeId ?? `link:${[channel.uid, peer.uid].sort()[0]}`;
    channels.set(channel.uid, { ...channel, bridgeId });
    channels.set(peer.uid, { ...peer, bridgeId });
  }
}

/** A ringing callee (AppDial, not bridged) belongs with the unbridged dialler of the same linkedid. */
function joinRingingCallees(channels: Map<string, ChannelRecord>, applications: ReadonlyMap<string, string>): void {
  for (const callee of channels.values()) {
    if (callee.bridgeId || applications.get(callee.uid) !== 'appdial' || !callee.linkedId) continue;
    const dialler = [...channels.values()].find(
      (candidate) =>
        candidate.uid !== callee.uid &&
        !candidate.bridgeId &&
        candidate.linkedId === callee.linkedId &&
        DIALLING_APPLICATIONS.has(applications.get(candidate.uid) ?? ''),
    );
    if (dialler) channels.set(callee.uid, { ...callee, dialedBy: dialler.uid });
  }
}

/** Fetches the PBX's lists and builds a fresh model from them. */
export async function rebuildModel(
  ami: AmiRequester,
  dialect: PbxDialect,
  idPrefix: string,
  now: () => number,
): Promise<PbxModel> {
  const listing = await fetchPbxListing(ami, dialect);
  return assembleModel(listing, dialect, idPrefix, now());
}
