/**
 * Events as Asterisk 12+ sends them (the lab's Asterisk 20 traces are the reference):
 * Bridge*, DialBegin/DialEnd, Parkee*-style parking events, MixMonitor*, Queue*.
 */
import type { AmiHeader } from '../../ami/message';
import {
  type QueueCallParties,
  HANGUP_CAUSE_TEXT,
  HINT_STATUS,
  type ModelEvent,
  type SimBridge,
  type SimChannel,
} from '../model';
import { abandonHeaders, completeHeaders, queueMemberHeaders } from './queue-headers';
import {
  bridgeSnapshot,
  channelSnapshot,
  eventsOut,
  hintHeaders,
  presenceHeaders,
  presenceStatusHeaders,
  sameInEveryDialect,
  shutdownHeaders,
} from './snapshot';
import type { RenderContext, RenderedEvent } from './types';

const QUEUE_MEMBER_EVENT = {
  queueMemberStatus: 'QueueMemberStatus',
  queueMemberPause: 'QueueMemberPause',
  queueMemberAdded: 'QueueMemberAdded',
  queueMemberRemoved: 'QueueMemberRemoved',
} as const;

/** The first header of BlindTransfer and AttendedTransfer: the simulator's transfers always succeed. */
const TRANSFER_RESULT: AmiHeader = ['Result', 'Success'];

/** The agent events, by the model event each renders. */
const AGENT_EVENT = {
  agentCalled: 'AgentCalled',
  agentConnect: 'AgentConnect',
  agentComplete: 'AgentComplete',
} as const;
type AgentEvent = Extract<ModelEvent, { kind: keyof typeof AGENT_EVENT }>;

/** Events whose headers are their channel's alone, by the name Asterisk gives them. */
const CHANNEL_ONLY = {
  newchannel: 'Newchannel',
  newstate: 'Newstate',
  newconnectedline: 'NewConnectedLine',
  hold: 'Hold',
  unhold: 'Unhold',
  monitorStart: 'MonitorStart',
  monitorStop: 'MonitorStop',
  mixMonitorStart: 'MixMonitorStart',
  mixMonitorStop: 'MixMonitorStop',
} as const;
type ChannelOnlyEvent = Extract<ModelEvent, { kind: keyof typeof CHANNEL_ONLY }>;
const isChannelOnly = (event: ModelEvent): event is ChannelOnlyEvent => Object.hasOwn(CHANNEL_ONLY, event.kind);

export function renderBridgeEra(event: ModelEvent, ctx: RenderContext): RenderedEvent[] {
  const { out, add } = eventsOut(ctx, [['SystemName', ctx.model.systemName]]);
  const same = sameInEveryDialect(event);
  if (same) {
    add(...same);
    return out;
  }
  if (isChannelOnly(event)) {
    add(CHANNEL_ONLY[event.kind], 'call', channelSnapshot(event.channel));
    return out;
  }
  switch (event.kind) {
    case 'localBridge':
      add('LocalBridge', 'call', [
        ...channelSnapshot(event.one, 'LocalOne'),
        ...channelSnapshot(event.two, 'LocalTwo'),
        ['Context', event.context],
        ['Exten', event.exten],
        ['LocalOptimization', event.optimize ? 'Yes' : 'No'],
      ]);
      break;
    case 'newcallerid':
      add('NewCallerid', 'call', [
        ...channelSnapshot(event.channel),
        ['CID-CallingPres', '0 (Presentation Allowed, Not Screened)'],
      ]);
      break;
    case 'dialBegin':
      add('DialBegin', 'call', [
        ...(event.caller ? channelSnapshot(event.caller) : []),
        ...channelSnapshot(event.dest, 'Dest'),
        ['DialString', event.dialString],
      ]);
      break;
    case 'dialState':
    case 'dialEnd':
      add(event.kind === 'dialState' ? 'DialState' : 'DialEnd', 'call', [
        ...(event.caller ? channelSnapshot(event.caller) : []),
        ...channelSnapshot(event.dest, 'Dest'),
        ['DialStatus', event.status],
      ]);
      break;
    case 'bridgeCreate':
      add('BridgeCreate', 'call', bridgeSnapshot(event.bridge));
      break;
    case 'bridgeDestroy':
      add('BridgeDestroy', 'call', bridgeSnapshot(event.bridge));
      break;
    case 'bridgeEnter':
      add('BridgeEnter', 'call', [
        ...bridgeSnapshot(event.bridge),
        ...channelSnapshot(event.channel),
        ...(event.swapped ? ([['SwapUniqueid', event.swapped.uniqueid]] as AmiHeader[]) : []),
      ]);
      break;
    case 'localOptimizationBegin':
      add('LocalOptimizationBegin', 'call', [
        ...channelSnapshot(event.one, 'LocalOne'),
        ...channelSnapshot(event.two, 'LocalTwo'),
        ...channelSnapshot(event.source, 'Source'),
        ['DestUniqueId', event.two.uniqueid],
        ['Id', String(event.id)],
      ]);
      break;
    case 'localOptimizationEnd':
      // Asterisk 20 reports `Success: No` for a swap that did complete (every trace).
      add('LocalOptimizationEnd', 'call', [
        ...channelSnapshot(event.one, 'LocalOne'),
        ...channelSnapshot(event.two, 'LocalTwo'),
        ['Success', 'No'],
        ['Id', String(event.id)],
      ]);
      break;
    case 'bridgeLeave':
      add('BridgeLeave', 'call', [...bridgeSnapshot(event.bridge), ...channelSnapshot(event.channel)]);
      break;
    case 'musicOnHold':
      if (event.playing) add('MusicOnHoldStart', 'call', [...channelSnapshot(event.channel), ['Class', 'default']]);
      else add('MusicOnHoldStop', 'call', channelSnapshot(event.channel));
      break;
    case 'hangup':
      add('Hangup', 'call', [
        ...channelSnapshot(event.channel),
        ['Cause', String(event.cause)],
        ['Cause-txt', HANGUP_CAUSE_TEXT[event.cause]],
      ]);
      break;
    case 'extensionStatus': {
      const status = HINT_STATUS[event.state];
      add('ExtensionStatus', 'call', [
        ...hintHeaders(event.hint),
        ['Status', String(status.code)],
        ['StatusText', status.text],
      ]);
      break;
    }
    case 'deviceState':
      add('DeviceStateChange', 'call', [
        ['Device', event.device],
        ['State', event.state],
      ]);
      break;
    case 'presenceStatus':
      add('PresenceStateChange', 'call', [['Presentity', event.provider], ...presenceHeaders(event.presence)]);
      for (const hint of event.hints) add('PresenceStatus', 'call', presenceStatusHeaders(hint, event.presence));
      break;
    case 'parkedCall':
    case 'parkedCallTimeOut':
    case 'parkedCallGiveUp': {
      const name = {
        parkedCall: 'ParkedCall',
        parkedCallTimeOut: 'ParkedCallTimeOut',
        parkedCallGiveUp: 'ParkedCallGiveUp',
      }[event.kind];
      add(name, 'call', parkedHeaders(event.parked, ctx.now));
      break;
    }
    case 'unparkedCall': {
      const headers = parkedHeaders(event.parked, ctx.now);
      const tail = headers.splice(14);
      add('UnParkedCall', 'call', [...headers, ...channelSnapshot(event.retriever, 'Retriever'), ...tail]);
      break;
    }
    case 'mixMonitorMute':
      add('MixMonitorMute', 'call', [
        ...channelSnapshot(event.channel),
        ['Direction', event.direction],
        ['State', event.muted ? '1' : '0'],
      ]);
      break;
    case 'blindTransfer':
      add('BlindTransfer', 'call', [
        TRANSFER_RESULT,
        ...channelSnapshot(event.transferer, 'Transferer'),
        ...channelSnapshot(event.transferee, 'Transferee'),
        ...bridgeSnapshot(event.bridge),
        ['IsExternal', 'Yes'],
        ['Context', event.context],
        ['Extension', event.exten],
      ]);
      break;
    case 'bridgeMerge':
      add('BridgeMerge', 'call', [...bridgeSnapshot(event.to, 'To'), ...bridgeSnapshot(event.from, 'From')]);
      break;
    case 'attendedTransfer':
      add('AttendedTransfer', 'call', [
        TRANSFER_RESULT,
        ...transfererLeg('Orig', event.transferer, event.origBridge),
        ...transfererLeg('Second', event.transferer, event.secondBridge),
        ...channelSnapshot(event.transferee, 'Transferee'),
        ...channelSnapshot(event.target, 'TransferTarget'),
        ['IsExternal', 'No'],
        ['DestType', 'Bridge'],
        ['DestBridgeUniqueid', event.origBridge.id],
      ]);
      break;
    case 'queueCallerJoin':
    case 'queueCallerLeave':
      add(event.kind === 'queueCallerJoin' ? 'QueueCallerJoin' : 'QueueCallerLeave', 'agent', [
        ...channelSnapshot(event.channel),
        ['Queue', event.queue.name],
        ['Position', String(event.position)],
        ['Count', String(event.queue.callers.length)],
      ]);
      break;
    case 'queueCallerAbandon':
      add('QueueCallerAbandon', 'agent', [
        ...channelSnapshot(event.channel),
        ['Queue', event.queue.name],
        ...abandonHeaders(event),
      ]);
      break;
    case 'queueMemberStatus':
    case 'queueMemberPause':
    case 'queueMemberAdded':
    case 'queueMemberRemoved':
      add(QUEUE_MEMBER_EVENT[event.kind], 'agent', queueMemberHeaders(ctx.model, event.queue, event.member, true));
      break;
    case 'agentCalled':
    case 'agentConnect':
    case 'agentComplete':
      add(AGENT_EVENT[event.kind], 'agent', [...agentHeaders(event), ...agentOutcome(event)]);
      break;
    case 'chanSpyStart':
    case 'chanSpyStop':
      add(event.kind === 'chanSpyStart' ? 'ChanSpyStart' : 'ChanSpyStop', 'call', [
        ...channelSnapshot(event.spyer, 'Spyer'),
        ...channelSnapshot(event.spyee, 'Spyee'),
      ]);
      break;
    case 'shutdown':
      if (ctx.model.parkingBridge) add('BridgeDestroy', 'call', bridgeSnapshot(ctx.model.parkingBridge));
      add('Shutdown', 'system', shutdownHeaders(event.restart));
      break;
  }
  return out;
}

/** One leg of an attended transfer: the transferer's channel in it and the bridge it was in. */
function transfererLeg(leg: 'Orig' | 'Second', transferer: SimChannel, bridge: SimBridge): AmiHeader[] {
  return [...channelSnapshot(transferer, `${leg}Transferer`), ...bridgeSnapshot(bridge, leg)];
}

/**
 * The caller and the member's channel of AgentCalled, AgentConnect and AgentComplete: Asterisk 12+
 * builds all three from the two channels, then adds what the event itself reports (agentOutcome).
 */
function agentHeaders({ caller, agent, queue, member }: QueueCallParties): AmiHeader[] {
  return [
    ...channelSnapshot(caller),
    ...channelSnapshot(agent, 'Dest'),
    ['Queue', queue.name],
    ['Interface', member.interface],
    ['MemberName', member.name],
  ];
}

/** What an agent event reports after its agent headers: nothing while the member rings, then the times. */
function agentOutcome(event: AgentEvent): AmiHeader[] {
  if (event.kind === 'agentCalled') return [];
  if (event.kind === 'agentComplete') return completeHeaders(event);
  return [
    ['HoldTime', String(event.holdTime)],
    ['RingTime', String(event.ringTime)],
  ];
}

export function parkedHeaders(
  parked: {
    parkee: import('../model').SimChannel;
    parkerDialString: string;
    lot: string;
    space: number;
    timeoutSec: number;
    parkedAt: number;
  },
  now: number,
): AmiHeader[] {
  return [
    ...channelSnapshot(parked.parkee, 'Parkee'),
    ['ParkerDialString', parked.parkerDialString],
    ['Parkinglot', parked.lot],
    ['ParkingSpace', String(parked.space)],
    ['ParkingTimeout', String(Math.max(0, parked.timeoutSec - Math.floor((now - parked.parkedAt) / 1000)))],
    ['ParkingDuration', String(Math.floor((now - parked.parkedAt) / 1000))],
  ];
}
