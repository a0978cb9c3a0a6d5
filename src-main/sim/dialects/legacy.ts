/**
 * Events as Asterisk 1.8/11 sends them: `Dial` with SubEvent, `Bridge` with Bridgestate
 * Link/Unlink, Parkinglot-era ParkedCall, `Join`/`Leave` for queues, ExtensionStatus without
 * StatusText, `Transfer` for transfers. Nothing of the 12+ bridge model.
 */
import type { AmiHeader } from '../../ami/message';
import {
  type QueueCallParties,
  CHANNEL_STATE_CODE,
  HANGUP_CAUSE_TEXT,
  HINT_STATUS,
  type ModelEvent,
  type QueueMember,
  type SimChannel,
  type SimParkedCall,
  type SimQueue,
} from '../model';
import { abandonHeaders, callerIdHeaders, completeHeaders, queueMemberHeaders } from './queue-headers';
import { eventsOut, hintHeaders, presenceStatusHeaders, sameInEveryDialect, shutdownHeaders } from './snapshot';
import type { RenderContext, RenderedEvent } from './types';

export function renderLegacy(event: ModelEvent, ctx: RenderContext): RenderedEvent[] {
  const { out, add } = eventsOut(ctx, []);
  const same = sameInEveryDialect(event);
  if (same) {
    add(...same);
    return out;
  }
  const model = ctx.model;
  switch (event.kind) {
    case 'newchannel': {
      const c = event.channel;
      add('Newchannel', 'call', [
        ...stateHeaders(c),
        ['CallerIDNum', c.callerIdNum],
        ['CallerIDName', c.callerIdName],
        ['AccountCode', ''],
        ['Exten', c.exten],
        ['Context', c.context],
        ['Uniqueid', c.uniqueid],
      ]);
      break;
    }
    case 'newstate': {
      const c = event.channel;
      add('Newstate', 'call', [...stateHeaders(c), ...callerIdHeaders(c), ['Uniqueid', c.uniqueid]]);
      break;
    }
    case 'newcallerid': {
      const c = event.channel;
      add('NewCallerid', 'call', [
        ['Channel', c.name],
        ['CallerIDNum', c.callerIdNum],
        ['CallerIDName', c.callerIdName],
        ['Uniqueid', c.uniqueid],
        ['CID-CallingPres', '0 (Presentation Allowed, Not Screened)'],
      ]);
      break;
    }
    case 'newconnectedline':
      break;
    case 'dialBegin': {
      const src = event.caller ?? event.dest;
      add('Dial', 'call', [
        ['SubEvent', 'Begin'],
        ['Channel', src.name],
        ['Destination', event.dest.name],
        ...callerIdHeaders(src),
        ['UniqueID', src.uniqueid],
        ['DestUniqueID', event.dest.uniqueid],
        ['Dialstring', event.dialString],
      ]);
      break;
    }
    case 'dialEnd': {
      const src = event.caller ?? event.dest;
      add('Dial', 'call', [['SubEvent', 'End'], ...channelIds(src, 'UniqueID'), ['DialStatus', event.status]]);
      break;
    }
    case 'bridgeEnter': {
      const peer = event.bridge.type === 'basic' ? event.bridge.channels.find((c) => c !== event.channel) : undefined;
      if (peer) add('Bridge', 'call', linkHeaders('Link', peer, event.channel));
      break;
    }
    case 'bridgeLeave': {
      const peer = event.bridge.type === 'basic' ? event.bridge.channels[0] : undefined;
      if (peer && peer !== event.channel) add('Bridge', 'call', linkHeaders('Unlink', event.channel, peer));
      break;
    }
    case 'hold':
    case 'unhold':
      add('Hold', 'call', [['Status', event.kind === 'hold' ? 'On' : 'Off'], ...channelIds(event.channel)]);
      break;
    case 'musicOnHold':
      add('MusicOnHold', 'call', [
        ['State', event.playing ? 'Start' : 'Stop'],
        ...channelIds(event.channel, 'UniqueID'),
        ...(event.playing ? ([['Class', 'default']] as AmiHeader[]) : []),
      ]);
      break;
    case 'hangup': {
      const c = event.channel;
      add('Hangup', 'call', [
        ...channelIds(c),
        ...callerIdHeaders(c),
        ['Cause', String(event.cause)],
        ['Cause-txt', HANGUP_CAUSE_TEXT[event.cause]],
      ]);
      break;
    }
    case 'extensionStatus':
      add('ExtensionStatus', 'call', [...hintHeaders(event.hint), ['Status', String(HINT_STATUS[event.state].code)]]);
      break;
    case 'presenceStatus':
      for (const hint of event.hints) add('PresenceStatus', 'call', presenceStatusHeaders(hint, event.presence));
      break;
    case 'parkedCall': {
      const p = event.parked;
      add('ParkedCall', 'call', [
        ...parkedHeaders(p),
        ['From', p.parkerDialString],
        ['Timeout', String(p.timeoutSec)],
        ...callerIdHeaders(p.parkee),
        ['Uniqueid', p.parkee.uniqueid],
      ]);
      break;
    }
    case 'unparkedCall':
    case 'parkedCallTimeOut':
    case 'parkedCallGiveUp': {
      const p = event.parked;
      const name = {
        unparkedCall: 'UnParkedCall',
        parkedCallTimeOut: 'ParkedCallTimeOut',
        parkedCallGiveUp: 'ParkedCallGiveUp',
      }[event.kind];
      add(name, 'call', [
        ...parkedHeaders(p),
        ...(event.kind === 'unparkedCall' ? ([['From', event.retriever.name]] as AmiHeader[]) : []),
        ...callerIdHeaders(p.parkee),
        ['UniqueID', p.parkee.uniqueid],
      ]);
      break;
    }
    case 'monitorStart':
    case 'monitorStop':
      add(event.kind === 'monitorStart' ? 'MonitorStart' : 'MonitorStop', 'call', channelIds(event.channel));
      break;
    case 'blindTransfer':
      add('Transfer', 'call', [
        ...transferHeaders(model.tech, 'Blind', event.transferer, event.transferee),
        ['TransferExten', event.exten],
        ['TransferContext', event.context],
      ]);
      break;
    case 'attendedTransfer':
      add('Transfer', 'call', transferHeaders(model.tech, 'Attended', event.transferer, event.target));
      break;
    case 'queueCallerJoin':
    case 'queueCallerLeave': {
      // Join names the caller and gives its position first; Leave gives the count first.
      const joined = event.kind === 'queueCallerJoin';
      const position: AmiHeader = ['Position', String(event.position)];
      const count: AmiHeader = ['Count', String(event.queue.callers.length)];
      add(joined ? 'Join' : 'Leave', 'call', [
        ['Channel', event.channel.name],
        ...(joined ? callerIdHeaders(event.channel) : []),
        ['Queue', event.queue.name],
        ...(joined ? [position, count] : [count, position]),
        ['Uniqueid', event.channel.uniqueid],
      ]);
      break;
    }
    case 'queueCallerAbandon':
      add('QueueCallerAbandon', 'agent', [
        ['Queue', event.queue.name],
        ['Uniqueid', event.channel.uniqueid],
        ...abandonHeaders(event),
      ]);
      break;
    case 'queueMemberStatus':
    case 'queueMemberAdded':
      add(
        event.kind === 'queueMemberAdded' ? 'QueueMemberAdded' : 'QueueMemberStatus',
        'agent',
        queueMemberHeaders(model, event.queue, event.member, false),
      );
      break;
    case 'queueMemberPause': {
      const m = event.member;
      add('QueueMemberPaused', 'agent', [
        ...memberHeaders(event.queue, m),
        ['Paused', m.paused ? '1' : '0'],
        ['Reason', m.pausedReason],
      ]);
      break;
    }
    case 'queueMemberRemoved':
      add('QueueMemberRemoved', 'agent', memberHeaders(event.queue, event.member));
      break;
    case 'agentCalled':
      add('AgentCalled', 'agent', [
        ['Queue', event.queue.name],
        ['AgentCalled', event.member.interface],
        ['AgentName', event.member.name],
        ['ChannelCalling', event.caller.name],
        ['DestinationChannel', event.agent.name],
        ['CallerIDNum', event.caller.callerIdNum],
        ['CallerIDName', event.caller.callerIdName],
        ['Context', event.caller.context],
        ['Extension', event.caller.exten],
        ['Priority', String(event.caller.priority)],
        ['Uniqueid', event.caller.uniqueid],
      ]);
      break;
    case 'agentConnect':
      add('AgentConnect', 'agent', [
        ...agentHeaders(event),
        ['Holdtime', String(event.holdTime)],
        ['BridgedChannel', event.caller.uniqueid],
        ['Ringtime', String(event.ringTime)],
      ]);
      break;
    case 'agentComplete':
      add('AgentComplete', 'agent', [...agentHeaders(event), ...completeHeaders(event)]);
      break;
    case 'chanSpyStart':
    case 'chanSpyStop':
      // Asterisk 11 names the two channels only (app_chanspy.c of the 11 branch).
      add(event.kind === 'chanSpyStart' ? 'ChanSpyStart' : 'ChanSpyStop', 'call', [
        ['SpyerChannel', event.spyer.name],
        ['SpyeeChannel', event.spyee.name],
      ]);
      break;
    case 'shutdown':
      add('Shutdown', 'system', shutdownHeaders(event.restart));
      break;
    default:
      // Asterisk 11 has no DialState, BridgeCreate/Destroy/Merge, DeviceStateChange, MixMonitor events.
      break;
  }
  return out;
}

function linkHeaders(state: 'Link' | 'Unlink', a: SimChannel, b: SimChannel): AmiHeader[] {
  const both = (name: string, of: (c: SimChannel) => string): AmiHeader[] => [
    [`${name}1`, of(a)],
    [`${name}2`, of(b)],
  ];
  return [
    ['Bridgestate', state],
    ['Bridgetype', 'core'],
    ...both('Channel', (c) => c.name),
    ...both('Uniqueid', (c) => c.uniqueid),
    ...both('CallerID', (c) => c.callerIdNum),
  ];
}

/** The channel an event is about, named twice: by name and by unique id. */
function channelIds(c: SimChannel, uniqueid: 'Uniqueid' | 'UniqueID' = 'Uniqueid'): AmiHeader[] {
  return [
    ['Channel', c.name],
    [uniqueid, c.uniqueid],
  ];
}

/** Newchannel's and Newstate's first headers: the channel and the state it is in. */
function stateHeaders(c: SimChannel): AmiHeader[] {
  return [
    ['Channel', c.name],
    ['ChannelState', String(CHANNEL_STATE_CODE[c.state])],
    ['ChannelStateDesc', c.state],
  ];
}

/** Where a parked call waits: the space, the parked channel, the lot (every Parked/Unparked event). */
function parkedHeaders(p: SimParkedCall): AmiHeader[] {
  return [
    ['Exten', String(p.space)],
    ['Channel', p.parkee.name],
    ['Parkinglot', p.lot],
  ];
}

/** Asterisk 11's Transfer event: who transferred, and the channel it was transferred to. */
function transferHeaders(
  tech: string,
  type: 'Blind' | 'Attended',
  transferer: SimChannel,
  target: SimChannel,
): AmiHeader[] {
  return [
    ['TransferMethod', tech],
    ['TransferType', type],
    ['Channel', transferer.name],
    ['Uniqueid', transferer.uniqueid],
    ['SIP-Callid', transferer.uniqueid],
    ['TargetChannel', target.name],
    ['TargetUniqueid', target.uniqueid],
  ];
}

/** Which queue and which member: QueueMemberPaused's and QueueMemberRemoved's first headers. */
function memberHeaders(queue: SimQueue, member: QueueMember): AmiHeader[] {
  return [
    ['Queue', queue.name],
    ['Location', member.interface],
    ['MemberName', member.name],
  ];
}

/** AgentConnect's and AgentComplete's first headers: the queue, the caller, the agent's channel, the member. */
function agentHeaders({ queue, caller, member, agent }: QueueCallParties): AmiHeader[] {
  return [
    ['Queue', queue.name],
    ['Uniqueid', caller.uniqueid],
    ['Channel', agent.name],
    ['Member', member.interface],
    ['MemberName', member.name],
  ];
}
