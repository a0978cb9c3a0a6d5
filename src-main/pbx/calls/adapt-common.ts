import { isSuccessResponse, type AmiMessage } from '../../ami/message';
import { numberOrUndefined, type ChannelSnapshot, type ParkerInfo, type PbxEvent, type UnparkReason } from './events';

/** Events every dialect spells alike but for a header name, read once for adapt-asterisk11 and 13. */

/** The call events both adapters read, under the same names. */
export const COMMON_CALL_EVENTS: readonly string[] = [
  // ChanSpy for the operator's listening sessions (pbx/listening.ts).
  'ChanSpyStart',
  'ChanSpyStop',
  'Newchannel',
  'Newstate',
  'NewCallerid',
  'Hangup',
  'Rename',
  'Hold',
  'Unhold',
  'ParkedCall',
  'UnParkedCall',
  'ParkedCallTimeOut',
  'ParkedCallGiveUp',
  'OriginateResponse',
];

const UNPARK_REASONS: Readonly<Record<string, UnparkReason>> = {
  unparkedcall: 'pickedUp',
  parkedcalltimeout: 'timedOut',
  parkedcallgiveup: 'gaveUp',
};

/** Where a dialect's parking events put the slot and the times (11: `Exten`, 13+: `ParkingSpace`). */
export interface ParkingHeaders {
  readonly slot: string;
  readonly timeout: string;
  readonly duration: string;
}

export function parkedOf(
  message: AmiMessage,
  headers: ParkingHeaders,
  parkee: ChannelSnapshot | undefined,
  parker: ParkerInfo,
): PbxEvent[] {
  const slot = message.get(headers.slot);
  if (!slot || !parkee) return [];
  return [
    {
      kind: 'parked',
      slot,
      lot: message.get('Parkinglot') ?? 'default',
      parkee,
      parker,
      timeoutSecs: numberOrUndefined(message.get(headers.timeout)) ?? 0,
      durationSecs: numberOrUndefined(message.get(headers.duration)) ?? 0,
    },
  ];
}

/** UnParkedCall, ParkedCallTimeOut and ParkedCallGiveUp. */
export function unparkedOf(message: AmiMessage, name: string, headers: ParkingHeaders): PbxEvent[] {
  const slot = message.get(headers.slot);
  const reason = UNPARK_REASONS[name];
  return slot && reason ? [{ kind: 'unparked', slot, lot: message.get('Parkinglot') ?? 'default', reason }] : [];
}

/** Rename: 13 names the old channel `Channel`, 1.8 `Oldname`; `oldName` is the dialect's pick. */
export function renameOf(message: AmiMessage, oldName: string | undefined): PbxEvent[] {
  const newName = message.get('Newname');
  return oldName && newName ? [{ kind: 'rename', uid: message.get('Uniqueid'), oldName, newName }] : [];
}

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
