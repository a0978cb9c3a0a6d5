import type { EventInterest } from '../../ami/event-interest';
import type { AmiMessage } from '../../ami/message';
import { COMMON_CALL_EVENTS, originateResponseOf, parkedOf, renameOf, unparkedOf } from './adapt-common';
import { knownValue, numberOrUndefined, type ChannelSnapshot, type PbxEvent } from './events';

/** Asterisk 12+ (AMI 2.x and later): Stasis channel snapshots, bridges, DialBegin/End, Parkee* headers. */

/** The events adaptAsterisk13 reads (a case below without its name here never arrives from Asterisk 13+). */
export const CALL_EVENTS_13: EventInterest = {
  call: [
    ...COMMON_CALL_EVENTS,
    'NewConnectedLine',
    'DialBegin',
    'DialEnd',
    'BridgeCreate',
    'BridgeEnter',
    'BridgeLeave',
    'BridgeDestroy',
    'BridgeMerge',
    'MusicOnHoldStart',
    'MusicOnHoldStop',
    'ParkedCallSwap',
    'MixMonitorStart',
    'MixMonitorStop',
    'MixMonitorMute',
    'MonitorStart',
    'MonitorStop',
    'BlindTransfer',
    'AttendedTransfer',
  ],
};

/** The channel snapshot under a header prefix (`''`, `Dest`, `Parkee`, `Transferer`, ...). */
export function snapshotOf(message: AmiMessage, prefix = ''): ChannelSnapshot | undefined {
  const name = message.get(`${prefix}Channel`);
  const uid = message.get(`${prefix}Uniqueid`);
  if (!name || !uid) return undefined;
  return {
    uid,
    name,
    state: numberOrUndefined(message.get(`${prefix}ChannelState`)),
    callerNum: knownValue(message.get(`${prefix}CallerIDNum`)),
    callerName: knownValue(message.get(`${prefix}CallerIDName`)),
    connectedNum: knownValue(message.get(`${prefix}ConnectedLineNum`)),
    connectedName: knownValue(message.get(`${prefix}ConnectedLineName`)),
    linkedId: message.get(`${prefix}Linkedid`),
  };
}

/** Holding bridges (parking lots, holding areas) keep channels apart: they are not a conversation. */
export function isHoldingBridge(message: AmiMessage, prefix = ''): boolean {
  const technology = message.get(`${prefix}BridgeTechnology`)?.toLowerCase();
  const type = message.get(`${prefix}BridgeType`)?.toLowerCase();
  return technology === 'holding_bridge' || type === 'parking' || type === 'holding';
}

const PARKING_HEADERS = {
  slot: 'ParkingSpace',
  timeout: 'ParkingTimeout',
  duration: 'ParkingDuration',
};

const RECORDING_EVENTS: Readonly<Record<string, 'recording' | 'none'>> = {
  mixmonitorstart: 'recording',
  mixmonitorstop: 'none',
  monitorstart: 'recording',
  monitorstop: 'none',
};

export function adaptAsterisk13(message: AmiMessage): PbxEvent[] {
  const name = message.event?.toLowerCase();
  if (!name) return [];
  const channel = () => snapshotOf(message);
  switch (name) {
    case 'newchannel':
    case 'newstate':
    case 'newcallerid':
    case 'newconnectedline': {
      const snapshot = channel();
      return snapshot ? [{ kind: 'channel', channel: snapshot }] : [];
    }
    case 'hangup': {
      const snapshot = channel();
      return snapshot ? [{ kind: 'hangup', uid: snapshot.uid, name: snapshot.name }] : [];
    }
    case 'rename':
      return renameOf(message, message.get('Channel') ?? message.get('Oldname'));
    case 'dialbegin': {
      const dest = snapshotOf(message, 'Dest');
      return dest ? [{ kind: 'dialBegin', caller: channel(), dest }] : [];
    }
    case 'dialend':
      return [
        {
          kind: 'dialEnd',
          callerUid: message.get('Uniqueid'),
          destUid: message.get('DestUniqueid'),
          status: message.get('DialStatus') ?? '',
        },
      ];
    case 'bridgecreate': {
      const bridgeId = message.get('BridgeUniqueid');
      return bridgeId ? [{ kind: 'bridgeCreate', bridgeId, holding: isHoldingBridge(message) }] : [];
    }
    case 'bridgeenter': {
      const bridgeId = message.get('BridgeUniqueid');
      const snapshot = channel();
      return bridgeId && snapshot
        ? [{ kind: 'bridgeEnter', bridgeId, holding: isHoldingBridge(message), channel: snapshot }]
        : [];
    }
    case 'bridgeleave': {
      const bridgeId = message.get('BridgeUniqueid');
      const uid = message.get('Uniqueid');
      return bridgeId && uid ? [{ kind: 'bridgeLeave', bridgeId, uid }] : [];
    }
    case 'bridgedestroy': {
      const bridgeId = message.get('BridgeUniqueid');
      return bridgeId ? [{ kind: 'bridgeDestroy', bridgeId }] : [];
    }
    case 'bridgemerge': {
      const fromBridgeId = message.get('FromBridgeUniqueid');
      const toBridgeId = message.get('ToBridgeUniqueid');
      return fromBridgeId && toBridgeId ? [{ kind: 'bridgeMerge', fromBridgeId, toBridgeId }] : [];
    }
    case 'hold':
    case 'unhold': {
      const uid = message.get('Uniqueid');
      return uid ? [{ kind: 'hold', uid, onHold: name === 'hold' }] : [];
    }
    case 'musiconholdstart':
    case 'musiconholdstop': {
      const uid = message.get('Uniqueid');
      return uid ? [{ kind: 'musicOnHold', uid, playing: name === 'musiconholdstart' }] : [];
    }
    case 'parkedcall':
    case 'parkedcallswap':
      return parkedOf(message, PARKING_HEADERS, snapshotOf(message, 'Parkee'), {
        number: knownValue(message.get('ParkerCallerIDNum')),
        name: knownValue(message.get('ParkerCallerIDName')),
        channel: message.get('ParkerChannel'),
        dialString: message.get('ParkerDialString'),
      });
    case 'unparkedcall':
    case 'parkedcalltimeout':
    case 'parkedcallgiveup':
      return unparkedOf(message, name, PARKING_HEADERS);
    case 'mixmonitorstart':
    case 'mixmonitorstop':
    case 'monitorstart':
    case 'monitorstop': {
      const uid = message.get('Uniqueid');
      const state = RECORDING_EVENTS[name];
      return uid && state ? [{ kind: 'recording', uid, state }] : [];
    }
    case 'mixmonitormute': {
      const uid = message.get('Uniqueid');
      return uid ? [{ kind: 'recording', uid, state: message.get('State') === '1' ? 'paused' : 'recording' }] : [];
    }
    case 'originateresponse':
      return [originateResponseOf(message)];
    case 'blindtransfer':
      return [
        {
          kind: 'blindTransfer',
          success: message.get('Result')?.toLowerCase() === 'success',
          transfererUid: message.get('TransfererUniqueid'),
        },
      ];
    case 'attendedtransfer':
      return [
        {
          kind: 'attendedTransfer',
          success: message.get('Result')?.toLowerCase() === 'success',
          transfererUid: message.get('OrigTransfererUniqueid'),
        },
      ];
    default:
      return [];
  }
}
