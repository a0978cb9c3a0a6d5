import type { EventInterest } from '../../ami/event-interest';
import { isSuccessResponse, type AmiMessage } from '../../ami/message';
import { knownValue, numberOrUndefined, type ChannelSnapshot, type PbxEvent } from './events';

/** Asterisk 12+ (AMI 2.x and later): Stasis channel snapshots, bridges, DialBegin/End, Parkee* headers. */

/** The events adaptAsterisk13 reads (a case below without its name here never arrives from Asterisk 13+). */
export const CALL_EVENTS_13: EventInterest = {
  call: [
    // ChanSpy for the operator's listening sessions (pbx/listening.ts).
    'ChanSpyStart',
    'ChanSpyStop',
    'Newchannel',
    'Newstate',
    'NewCallerid',
    'NewConnectedLine',
    'Hangup',
    'Rename',
    'DialBegin',
    'DialEnd',
    'BridgeCreate',
    'BridgeEnter',
    'BridgeLeave',
    'BridgeDestroy',
    'BridgeMerge',
    'Hold',
    'Unhold',
    'MusicOnHoldStart',
    'MusicOnHoldStop',
    'ParkedCall',
    'ParkedCallSwap',
    'UnParkedCall',
    'ParkedCallTimeOut',
    'ParkedCallGiveUp',
    'MixMonitorStart',
    'MixMonitorStop',
    'MixMonitorMute',
    'MonitorStart',
    'MonitorStop',
    'OriginateResponse',
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
    case 'rename': {
      const oldName = message.get('Channel') ?? message.get('Oldname');
      const newName = message.get('Newname');
      return oldName && newName ? [{ kind: 'rename', uid: message.get('Uniqueid'), oldName, newName }] : [];
    }
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
    case 'parkedcallswap': {
      const parkee = snapshotOf(message, 'Parkee');
      const slot = message.get('ParkingSpace');
      if (!parkee || !slot) return [];
      return [
        {
          kind: 'parked',
          slot,
          lot: message.get('Parkinglot') ?? 'default',
          parkee,
          parker: {
            number: knownValue(message.get('ParkerCallerIDNum')),
            name: knownValue(message.get('ParkerCallerIDName')),
            channel: message.get('ParkerChannel'),
            dialString: message.get('ParkerDialString'),
          },
          timeoutSecs: numberOrUndefined(message.get('ParkingTimeout')) ?? 0,
          durationSecs: numberOrUndefined(message.get('ParkingDuration')) ?? 0,
        },
      ];
    }
    case 'unparkedcall':
    case 'parkedcalltimeout':
    case 'parkedcallgiveup': {
      const slot = message.get('ParkingSpace');
      if (!slot) return [];
      const reason = name === 'unparkedcall' ? 'pickedUp' : name === 'parkedcalltimeout' ? 'timedOut' : 'gaveUp';
      return [{ kind: 'unparked', slot, lot: message.get('Parkinglot') ?? 'default', reason }];
    }
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

/** OriginateResponse reads the same in every dialect. */
export function originateResponseOf(message: AmiMessage): PbxEvent {
  const uid = message.get('Uniqueid');
  return {
    kind: 'originateResponse',
    actionId: message.actionId,
    success: isSuccessResponse(message),
    reason: numberOrUndefined(message.get('Reason')) ?? -1,
    uid: uid && uid !== '<null>' && uid !== '<unknown>' ? uid : undefined,
    channel: message.get('Channel') ?? '',
  };
}
