/**
 * app_queue's events and list items, read into one shape for every Asterisk version. The one place
 * where the dialects differ for queues: Asterisk 11 says `Join` / `Leave` / `QueueMemberPaused`,
 * names the member's interface `Location` (and `AgentCalled` / `Member` in the Agent* events) and its
 * pause reason `Reason`; 12+ say `QueueCallerJoin` / `QueueCallerLeave` / `QueueMemberPause`,
 * `Interface` and `PausedReason`. QueueStatus's items say `Location` and `Name` in both.
 */
import type { EventInterest } from '../../ami/event-interest';
import type { AmiMessage } from '../../ami/message';

/** The live events readQueueMessage reads (its list items answer QueueStatus and need no asking). */
export const QUEUE_EVENTS: EventInterest = {
  agent: [
    'QueueCallerJoin',
    'QueueCallerLeave',
    'QueueCallerAbandon',
    'QueueMemberStatus',
    'QueueMemberPause',
    'QueueMemberPaused',
    'QueueMemberAdded',
    'QueueMemberRemoved',
    'AgentCalled',
    'AgentConnect',
    'AgentRingNoAnswer',
  ],
  // Asterisk 11 files its Join and Leave under call.
  call: ['Join', 'Leave'],
};

/** What one QueueMember item or QueueMember* event tells about a member; absent headers stay undefined. */
export interface MemberReport {
  /** The interface the queue rings (`Local/118@phones`, `PJSIP/118`): the member's identity in the queue. */
  readonly iface: string;
  readonly name: string | undefined;
  readonly stateInterface: string | undefined;
  readonly dynamic: boolean | undefined;
  /** Device state code 0-8. */
  readonly status: number | undefined;
  readonly paused: boolean | undefined;
  readonly pausedReason: string | undefined;
  readonly callsTaken: number | undefined;
  /** Epoch seconds; 0 = never. */
  readonly lastCall: number | undefined;
}

export interface CallerReport {
  readonly uniqueid: string;
  /** The caller's channel, kept in main for the Redirect that pulls the caller out. */
  readonly channel: string;
  readonly number: string;
  readonly name: string;
  readonly position: number;
  /** Seconds waited so far (QueueEntry); a live join has waited 0. */
  readonly waitSec: number;
}

export type QueueEvent =
  | { readonly kind: 'queue'; readonly queue: string; readonly completed: number; readonly abandoned: number }
  | { readonly kind: 'callerJoined'; readonly queue: string; readonly caller: CallerReport }
  | { readonly kind: 'callerLeft'; readonly queue: string; readonly uniqueid: string; readonly abandoned: boolean }
  | { readonly kind: 'member'; readonly queue: string; readonly member: MemberReport }
  | { readonly kind: 'memberRemoved'; readonly queue: string; readonly iface: string }
  | { readonly kind: 'agentRinging'; readonly queue: string; readonly uniqueid: string; readonly iface: string }
  | { readonly kind: 'agentStopped'; readonly queue: string; readonly uniqueid: string; readonly iface: string };

const int = (value: string | undefined): number | undefined => {
  const parsed = value === undefined || value.trim() === '' ? Number.NaN : Number(value);
  return Number.isFinite(parsed) ? Math.trunc(parsed) : undefined;
};
const flag = (value: string | undefined): boolean | undefined =>
  value === undefined ? undefined : /^(1|true|yes)$/i.test(value.trim());
/** Asterisk writes `<unknown>` where it has no caller ID. */
const callerIdText = (value: string | undefined): string => (!value || /^<unknown>$/i.test(value) ? '' : value);

function memberReport(message: AmiMessage): MemberReport | undefined {
  const iface = message.get('Interface') ?? message.get('Location');
  if (!iface) return undefined;
  const membership = message.get('Membership');
  return {
    iface,
    name: message.get('MemberName') ?? message.get('Name'),
    stateInterface: message.get('StateInterface'),
    dynamic: membership === undefined ? undefined : membership.toLowerCase() === 'dynamic',
    status: int(message.get('Status')),
    paused: flag(message.get('Paused')),
    pausedReason: message.get('PausedReason') ?? message.get('Reason'),
    callsTaken: int(message.get('CallsTaken')),
    lastCall: int(message.get('LastCall')),
  };
}

function callerReport(message: AmiMessage): CallerReport | undefined {
  const uniqueid = message.get('Uniqueid');
  const channel = message.get('Channel');
  if (!uniqueid || !channel) return undefined;
  return {
    uniqueid,
    channel,
    number: callerIdText(message.get('CallerIDNum')),
    name: callerIdText(message.get('CallerIDName')),
    position: int(message.get('Position')) ?? Number.MAX_SAFE_INTEGER,
    waitSec: int(message.get('Wait')) ?? 0,
  };
}

/** The Agent* events' member interface: `Interface` (12+), `AgentCalled` or `Member` (11). */
const agentInterface = (message: AmiMessage) =>
  message.get('Interface') ?? message.get('AgentCalled') ?? message.get('Member');

/** A live queue event, or an item of the QueueStatus list; `undefined` for anything else. */
export function readQueueMessage(message: AmiMessage): QueueEvent | undefined {
  const event = message.event;
  const queue = message.get('Queue');
  if (!event || !queue) return undefined;
  switch (event) {
    case 'QueueParams':
      return {
        kind: 'queue',
        queue,
        completed: int(message.get('Completed')) ?? 0,
        abandoned: int(message.get('Abandoned')) ?? 0,
      };
    case 'QueueEntry':
    case 'QueueCallerJoin':
    case 'Join': {
      const caller = callerReport(message);
      return caller && { kind: 'callerJoined', queue, caller };
    }
    case 'QueueCallerLeave':
    case 'Leave':
    case 'QueueCallerAbandon': {
      const uniqueid = message.get('Uniqueid');
      return uniqueid ? { kind: 'callerLeft', queue, uniqueid, abandoned: event === 'QueueCallerAbandon' } : undefined;
    }
    case 'QueueMember':
    case 'QueueMemberStatus':
    case 'QueueMemberPause':
    case 'QueueMemberPaused':
    case 'QueueMemberAdded': {
      const member = memberReport(message);
      return member && { kind: 'member', queue, member };
    }
    case 'QueueMemberRemoved': {
      const iface = message.get('Interface') ?? message.get('Location');
      return iface ? { kind: 'memberRemoved', queue, iface } : undefined;
    }
    case 'AgentCalled':
    case 'AgentConnect':
    case 'AgentRingNoAnswer': {
      const uniqueid = message.get('Uniqueid');
      const iface = agentInterface(message);
      if (!uniqueid || !iface) return undefined;
      return { kind: event === 'AgentCalled' ? 'agentRinging' : 'agentStopped', queue, uniqueid, iface };
    }
    default:
      return undefined;
  }
}
