import type { AmiMessage } from './message';

/**
 * Typed views of the AMI events the console reads, in Asterisk 12+ spelling (Stasis snapshots:
 * `Channel…`, `Dest…`, `Parkee…`, `Bridge…`). Each view keeps the message it was read from; an event not
 * listed here comes back as `{ name: 'other', message }` with that same message, untouched.
 */

/** A channel snapshot under one header prefix (`''`, `Dest`, `Parkee`, `Retriever`, `Transferer`, …). */
export interface ChannelFields {
  readonly channel: string;
  readonly uniqueid: string | undefined;
  readonly linkedid: string | undefined;
  /** 0 Down, 4 Ring, 5 Ringing, 6 Up, … */
  readonly channelState: number | undefined;
  readonly channelStateDesc: string | undefined;
  readonly callerIdNum: string | undefined;
  readonly callerIdName: string | undefined;
  readonly connectedLineNum: string | undefined;
  readonly connectedLineName: string | undefined;
  readonly context: string | undefined;
  readonly exten: string | undefined;
}

/** A bridge snapshot under one header prefix (`''`, `To`, `From`). */
export interface BridgeFields {
  readonly bridgeUniqueid: string;
  readonly bridgeType: string | undefined;
  readonly bridgeTechnology: string | undefined;
  readonly bridgeNumChannels: number | undefined;
}

interface View<N extends string> {
  readonly name: N;
  readonly message: AmiMessage;
}

export interface ExtensionStatusEvent extends View<'ExtensionStatus'> {
  readonly exten: string | undefined;
  readonly context: string | undefined;
  readonly hint: string | undefined;
  /** The hint state bit field (-2 removed, -1 not found, 0 idle, 1 in use, 8 ringing, 16 hold, …). */
  readonly status: number | undefined;
  /** Asterisk 13+. */
  readonly statusText: string | undefined;
}

export interface ChannelEvent<N extends string> extends View<N> {
  readonly channel: ChannelFields | undefined;
}

export interface HangupEvent extends ChannelEvent<'Hangup'> {
  readonly cause: number | undefined;
  readonly causeText: string | undefined;
}

export interface DialEvent<N extends 'DialBegin' | 'DialEnd'> extends View<N> {
  /** Absent for the first leg of an Originate. */
  readonly caller: ChannelFields | undefined;
  readonly dest: ChannelFields | undefined;
  readonly dialString: string | undefined;
  /** DialEnd: ANSWER, BUSY, NOANSWER, CANCEL, CONGESTION, CHANUNAVAIL, … */
  readonly dialStatus: string | undefined;
}

export interface BridgeEvent<N extends string> extends View<N> {
  readonly bridge: BridgeFields | undefined;
}

export interface BridgeMemberEvent<N extends 'BridgeEnter' | 'BridgeLeave'> extends BridgeEvent<N> {
  readonly channel: ChannelFields | undefined;
}

export interface BridgeMergeEvent extends View<'BridgeMerge'> {
  readonly to: BridgeFields | undefined;
  readonly from: BridgeFields | undefined;
}

export type ParkingEventName =
  'ParkedCall' | 'ParkedCallTimeOut' | 'ParkedCallGiveUp' | 'UnParkedCall' | 'ParkedCallSwap';

export interface ParkingEvent<N extends ParkingEventName> extends View<N> {
  readonly parkee: ChannelFields | undefined;
  /** UnParkedCall: who picked the call up. */
  readonly retriever: ChannelFields | undefined;
  /** ParkedCallSwap: the channel that took the parkee's place. */
  readonly parker: ChannelFields | undefined;
  /** Where the call goes back to, e.g. `PJSIP/200`. */
  readonly parkerDialString: string | undefined;
  readonly parkinglot: string | undefined;
  readonly parkingSpace: string | undefined;
  /** Seconds left before the call comes back (0 in ParkedCallTimeOut). */
  readonly parkingTimeoutSecs: number | undefined;
  /** Seconds parked so far. */
  readonly parkingDurationSecs: number | undefined;
}

export type MixMonitorEventName = 'MixMonitorStart' | 'MixMonitorStop' | 'MixMonitorMute';

export interface MixMonitorEvent<N extends MixMonitorEventName> extends ChannelEvent<N> {
  /** MixMonitorMute: read, write or both. */
  readonly direction: string | undefined;
  /** MixMonitorMute: muted (true) or not. */
  readonly muted: boolean | undefined;
}

export interface OriginateResponseEvent extends View<'OriginateResponse'> {
  readonly actionId: string | undefined;
  readonly success: boolean;
  /** 0 no such extension or number, 1 no answer, 3 timed out while ringing, 4 answered, 5 busy, 8 congested. */
  readonly reason: number | undefined;
  /** The dial string when the call failed before a channel existed. */
  readonly channel: string | undefined;
  /** Undefined when Asterisk sends `<unknown>` (no channel was created). */
  readonly uniqueid: string | undefined;
  readonly context: string | undefined;
  readonly exten: string | undefined;
}

export interface ShutdownEvent extends View<'Shutdown'> {
  readonly clean: boolean;
  readonly restart: boolean;
}

export interface FullyBootedEvent extends View<'FullyBooted'> {
  /** Absent before Asterisk 10. */
  readonly uptimeSecs: number | undefined;
  readonly lastReloadSecs: number | undefined;
  readonly status: string | undefined;
}

export interface DeviceStateChangeEvent extends View<'DeviceStateChange'> {
  readonly device: string | undefined;
  /** NOT_INUSE, INUSE, BUSY, UNAVAILABLE, RINGING, RINGINUSE, ONHOLD, … */
  readonly state: string | undefined;
}

export interface TransferEvent<N extends 'BlindTransfer' | 'AttendedTransfer'> extends View<N> {
  /** Success, Fail, Invalid, Not Permitted. */
  readonly result: string | undefined;
  /** BlindTransfer: the transferer; AttendedTransfer: the original transferer. */
  readonly transferer: ChannelFields | undefined;
  readonly transferee: ChannelFields | undefined;
}

export interface OtherEvent {
  readonly name: 'other';
  readonly message: AmiMessage;
}

export type AmiEvent =
  | ExtensionStatusEvent
  | ChannelEvent<'Newchannel'>
  | ChannelEvent<'Newstate'>
  | ChannelEvent<'Hold'>
  | ChannelEvent<'Unhold'>
  | HangupEvent
  | DialEvent<'DialBegin'>
  | DialEvent<'DialEnd'>
  | BridgeEvent<'BridgeCreate'>
  | BridgeEvent<'BridgeDestroy'>
  | BridgeMemberEvent<'BridgeEnter'>
  | BridgeMemberEvent<'BridgeLeave'>
  | BridgeMergeEvent
  | { [N in ParkingEventName]: ParkingEvent<N> }[ParkingEventName]
  | { [N in MixMonitorEventName]: MixMonitorEvent<N> }[MixMonitorEventName]
  | OriginateResponseEvent
  | ShutdownEvent
  | FullyBootedEvent
  | DeviceStateChangeEvent
  | TransferEvent<'BlindTransfer'>
  | TransferEvent<'AttendedTransfer'>
  | OtherEvent;

export type AmiEventName = Exclude<AmiEvent['name'], 'other'>;

type Reader = (message: AmiMessage, name: string) => AmiEvent;

const channelEvent: Reader = (message, name) => ({ name, message, channel: channelFields(message) }) as AmiEvent;
const bridgeEvent: Reader = (message, name) => ({ name, message, bridge: bridgeFields(message) }) as AmiEvent;
const bridgeMemberEvent: Reader = (message, name) =>
  ({ name, message, bridge: bridgeFields(message), channel: channelFields(message) }) as AmiEvent;
const dialEvent: Reader = (message, name) =>
  ({
    name,
    message,
    caller: channelFields(message),
    dest: channelFields(message, 'Dest'),
    dialString: message.get('DialString'),
    dialStatus: message.get('DialStatus'),
  }) as AmiEvent;
const parkingEvent: Reader = (message, name) =>
  ({
    name,
    message,
    parkee: channelFields(message, 'Parkee'),
    retriever: channelFields(message, 'Retriever'),
    parker: channelFields(message, 'Parker'),
    parkerDialString: message.get('ParkerDialString'),
    parkinglot: message.get('Parkinglot'),
    parkingSpace: message.get('ParkingSpace'),
    parkingTimeoutSecs: numberOf(message.get('ParkingTimeout')),
    parkingDurationSecs: numberOf(message.get('ParkingDuration')),
  }) as AmiEvent;
const mixMonitorEvent: Reader = (message, name) => {
  const state = message.get('State');
  return {
    name,
    message,
    channel: channelFields(message),
    direction: message.get('Direction'),
    muted: state === undefined ? undefined : state === '1' || state.toLowerCase() === 'true',
  } as AmiEvent;
};
const transferEvent: Reader = (message, name) =>
  ({
    name,
    message,
    result: message.get('Result'),
    transferer: channelFields(message, 'Transferer') ?? channelFields(message, 'OrigTransferer'),
    transferee: channelFields(message, 'Transferee'),
  }) as AmiEvent;

const READERS: ReadonlyMap<string, Reader> = new Map<AmiEventName, Reader>([
  [
    'ExtensionStatus',
    (message) => ({
      name: 'ExtensionStatus',
      message,
      exten: message.get('Exten'),
      context: message.get('Context'),
      hint: message.get('Hint'),
      status: numberOf(message.get('Status')),
      statusText: message.get('StatusText'),
    }),
  ],
  ['Newchannel', channelEvent],
  ['Newstate', channelEvent],
  ['Hold', channelEvent],
  ['Unhold', channelEvent],
  [
    'Hangup',
    (message) => ({
      name: 'Hangup',
      message,
      channel: channelFields(message),
      cause: numberOf(message.get('Cause')),
      causeText: message.get('Cause-txt'),
    }),
  ],
  ['DialBegin', dialEvent],
  ['DialEnd', dialEvent],
  ['BridgeCreate', bridgeEvent],
  ['BridgeDestroy', bridgeEvent],
  ['BridgeEnter', bridgeMemberEvent],
  ['BridgeLeave', bridgeMemberEvent],
  [
    'BridgeMerge',
    (message) => ({
      name: 'BridgeMerge',
      message,
      to: bridgeFields(message, 'To'),
      from: bridgeFields(message, 'From'),
    }),
  ],
  ['ParkedCall', parkingEvent],
  ['ParkedCallTimeOut', parkingEvent],
  ['ParkedCallGiveUp', parkingEvent],
  ['UnParkedCall', parkingEvent],
  ['ParkedCallSwap', parkingEvent],
  ['MixMonitorStart', mixMonitorEvent],
  ['MixMonitorStop', mixMonitorEvent],
  ['MixMonitorMute', mixMonitorEvent],
  [
    'OriginateResponse',
    (message) => {
      const uniqueid = message.get('Uniqueid');
      return {
        name: 'OriginateResponse',
        message,
        actionId: message.actionId,
        success: message.response?.toLowerCase() === 'success',
        reason: numberOf(message.get('Reason')),
        channel: message.get('Channel'),
        uniqueid: uniqueid === '<unknown>' ? undefined : uniqueid,
        context: message.get('Context'),
        exten: message.get('Exten'),
      };
    },
  ],
  [
    'Shutdown',
    (message) => ({
      name: 'Shutdown',
      message,
      clean: message.get('Shutdown')?.toLowerCase() === 'cleanly',
      restart: message.get('Restart')?.toLowerCase() === 'true',
    }),
  ],
  [
    'FullyBooted',
    (message) => ({
      name: 'FullyBooted',
      message,
      uptimeSecs: numberOf(message.get('Uptime')),
      lastReloadSecs: numberOf(message.get('LastReload')),
      status: message.get('Status'),
    }),
  ],
  [
    'DeviceStateChange',
    (message) => ({ name: 'DeviceStateChange', message, device: message.get('Device'), state: message.get('State') }),
  ],
  ['BlindTransfer', transferEvent],
  ['AttendedTransfer', transferEvent],
]);

/** The typed view of an event, or `{ name: 'other', message }` for any other message. */
export function readEvent(message: AmiMessage): AmiEvent {
  const name = message.event;
  const reader = name === undefined ? undefined : READERS.get(name);
  return reader === undefined ? { name: 'other', message } : reader(message, name!);
}

function channelFields(message: AmiMessage, prefix = ''): ChannelFields | undefined {
  const channel = message.get(`${prefix}Channel`);
  if (channel === undefined) return undefined;
  return {
    channel,
    uniqueid: message.get(`${prefix}Uniqueid`),
    linkedid: message.get(`${prefix}Linkedid`),
    channelState: numberOf(message.get(`${prefix}ChannelState`)),
    channelStateDesc: message.get(`${prefix}ChannelStateDesc`),
    callerIdNum: message.get(`${prefix}CallerIDNum`),
    callerIdName: message.get(`${prefix}CallerIDName`),
    connectedLineNum: message.get(`${prefix}ConnectedLineNum`),
    connectedLineName: message.get(`${prefix}ConnectedLineName`),
    context: message.get(`${prefix}Context`),
    exten: message.get(`${prefix}Exten`),
  };
}

function bridgeFields(message: AmiMessage, prefix = ''): BridgeFields | undefined {
  const bridgeUniqueid = message.get(`${prefix}BridgeUniqueid`);
  if (bridgeUniqueid === undefined) return undefined;
  return {
    bridgeUniqueid,
    bridgeType: message.get(`${prefix}BridgeType`),
    bridgeTechnology: message.get(`${prefix}BridgeTechnology`),
    bridgeNumChannels: numberOf(message.get(`${prefix}BridgeNumChannels`)),
  };
}

function numberOf(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}
