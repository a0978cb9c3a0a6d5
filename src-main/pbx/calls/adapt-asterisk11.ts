import { channelStateCodeOf } from '../../ami/channel-state';
import type { EventInterest } from '../../ami/event-interest';
import type { AmiMessage } from '../../ami/message';
import { COMMON_CALL_EVENTS, originateResponseOf, parkedOf, renameOf, unparkedOf } from './adapt-common';
import { knownValue, numberOrUndefined, type ChannelSnapshot, type PbxEvent } from './events';

/**
 * Asterisk 1.4 to 11 (AMI 1.x): no bridge objects (`Bridge` with `Bridgestate: Link|Unlink`, 1.4's
 * `Link`/`Unlink`), `Dial` with `SubEvent: Begin|End` (1.4: `Source`/`Destination`), `ParkedCall`
 * with `Exten`/`Channel`/`From`/`Timeout`, `Hold` with `Status: On|Off`, no recording events.
 */

/** The events adaptAsterisk11 reads (these Asterisks have no Filter: only their class counts). */
export const CALL_EVENTS_11: EventInterest = {
  call: [...COMMON_CALL_EVENTS, 'Dial', 'Bridge', 'Link', 'Unlink', 'MusicOnHold'],
};

function stateOf(message: AmiMessage): number | undefined {
  const numeric = numberOrUndefined(message.get('ChannelState'));
  if (numeric !== undefined) return numeric;
  const word = message.get('ChannelStateDesc') ?? message.get('State');
  // 1.4 and 1.8 spell the state as a word (`State: Ring`).
  return word === undefined ? undefined : channelStateCodeOf(word);
}

function channelOf(message: AmiMessage): ChannelSnapshot | undefined {
  const name = message.get('Channel');
  const uid = message.get('Uniqueid') ?? message.get('UniqueID');
  if (!name || !uid) return undefined;
  return {
    uid,
    name,
    state: stateOf(message),
    callerNum: knownValue(message.get('CallerIDNum') ?? message.get('CallerID')),
    callerName: knownValue(message.get('CallerIDName')),
    connectedNum: knownValue(message.get('ConnectedLineNum')),
    connectedName: knownValue(message.get('ConnectedLineName')),
  };
}

function linkEvent(message: AmiMessage, linked: boolean): PbxEvent[] {
  const aName = message.get('Channel1');
  const bName = message.get('Channel2');
  const aUid = message.get('Uniqueid1');
  const bUid = message.get('Uniqueid2');
  if (!aName || !bName || !aUid || !bUid) return [];
  if (!linked) return [{ kind: 'unlink', aUid, bUid }];
  return [
    {
      kind: 'link',
      a: { uid: aUid, name: aName, callerNum: knownValue(message.get('CallerID1')) },
      b: { uid: bUid, name: bName, callerNum: knownValue(message.get('CallerID2')) },
    },
  ];
}

function dialEvent(message: AmiMessage): PbxEvent[] {
  const subEvent = message.get('SubEvent')?.toLowerCase();
  if (subEvent === 'end') {
    return [
      {
        kind: 'dialEnd',
        callerUid: message.get('UniqueID') ?? message.get('Uniqueid'),
        destUid: undefined,
        status: message.get('DialStatus') ?? '',
      },
    ];
  }
  // `SubEvent: Begin` (1.6+) or 1.4's plain Dial with Source/SrcUniqueID.
  const destName = message.get('Destination');
  const destUid = message.get('DestUniqueID') ?? message.get('DestUniqueid');
  if (!destName || !destUid) return [];
  const callerName = message.get('Channel') ?? message.get('Source');
  const callerUid = message.get('UniqueID') ?? message.get('Uniqueid') ?? message.get('SrcUniqueID');
  const caller: ChannelSnapshot | undefined =
    callerName && callerUid
      ? {
          uid: callerUid,
          name: callerName,
          callerNum: knownValue(message.get('CallerIDNum') ?? message.get('CallerID')),
          callerName: knownValue(message.get('CallerIDName')),
        }
      : undefined;
  return [{ kind: 'dialBegin', caller, dest: { uid: destUid, name: destName } }];
}

const PARKING_HEADERS = { slot: 'Exten', timeout: 'Timeout', duration: 'Duration' };

export function adaptAsterisk11(message: AmiMessage): PbxEvent[] {
  const name = message.event?.toLowerCase();
  if (!name) return [];
  switch (name) {
    case 'newchannel':
    case 'newstate':
    case 'newcallerid': {
      const channel = channelOf(message);
      return channel ? [{ kind: 'channel', channel }] : [];
    }
    case 'hangup': {
      const channel = channelOf(message);
      return channel ? [{ kind: 'hangup', uid: channel.uid, name: channel.name }] : [];
    }
    case 'rename':
      return renameOf(message, message.get('Oldname') ?? message.get('Channel'));
    case 'dial':
      return dialEvent(message);
    case 'bridge':
      return linkEvent(message, message.get('Bridgestate')?.toLowerCase() !== 'unlink');
    case 'link':
    case 'unlink':
      return linkEvent(message, name === 'link');
    case 'hold':
    case 'unhold': {
      const uid = message.get('Uniqueid');
      const onHold = name === 'hold' && message.get('Status')?.toLowerCase() !== 'off';
      return uid ? [{ kind: 'hold', uid, onHold }] : [];
    }
    case 'musiconhold': {
      const uid = message.get('Uniqueid');
      return uid ? [{ kind: 'musicOnHold', uid, playing: message.get('State')?.toLowerCase() === 'start' }] : [];
    }
    case 'parkedcall':
      return parkedOf(message, PARKING_HEADERS, channelOf(message), { channel: message.get('From') });
    case 'unparkedcall':
    case 'parkedcalltimeout':
    case 'parkedcallgiveup':
      return unparkedOf(message, name, PARKING_HEADERS);
    case 'originateresponse':
      return [originateResponseOf(message)];
    default:
      return [];
  }
}
