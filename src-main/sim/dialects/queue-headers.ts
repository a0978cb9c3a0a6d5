/**
 * app_queue's header layouts, shared by its events (dialects/) and the QueueStatus list
 * (actions/queue.ts): Asterisk 12+ as trace 23 shows them, Asterisk 11 in its shorter form.
 */
import type { AmiHeader } from '../../ami/message';
import {
  DEVICE_STATE_CODE,
  type ModelEvent,
  type QueueMember,
  type SimChannel,
  type SimModel,
  type SimQueue,
} from '../model';

/** A member as QueueMemberStatus / Pause / Added / Removed describe it. */
export function queueMemberHeaders(
  model: SimModel,
  queue: SimQueue,
  member: QueueMember,
  modern: boolean,
): AmiHeader[] {
  const state = model.stateOf(member.stateInterface);
  const common: AmiHeader[] = [
    ['StateInterface', member.stateInterface],
    ['Membership', member.dynamic ? 'dynamic' : 'static'],
    ['Penalty', '0'],
    ['CallsTaken', String(member.callsTaken)],
    ['LastCall', String(member.lastCall)],
  ];
  if (!modern)
    return [
      ['Queue', queue.name],
      ['Location', member.interface],
      ['MemberName', member.name],
      ...common,
      ['Status', String(DEVICE_STATE_CODE[state])],
      ['Paused', member.paused ? '1' : '0'],
    ];
  return [
    ['Queue', queue.name],
    ['MemberName', member.name],
    ['Interface', member.interface],
    ...common,
    ['LastPause', String(member.lastPause)],
    ['LoginTime', String(member.loginTime)],
    ['InCall', state === 'NOT_INUSE' || state === 'UNAVAILABLE' ? '0' : '1'],
    ['Status', String(DEVICE_STATE_CODE[state])],
    ['Paused', member.paused ? '1' : '0'],
    ['PausedReason', member.pausedReason],
    ['Ringinuse', '1'],
    ['Wrapuptime', '0'],
  ];
}

const NAMED_APART = new Set(['Queue', 'MemberName', 'Interface', 'Location', 'Ringinuse']);

/** A member as a QueueStatus `QueueMember` item lists it: `Name` and `Location` first, no Ringinuse. */
export function queueStatusMemberHeaders(
  model: SimModel,
  queue: SimQueue,
  member: QueueMember,
  modern: boolean,
): AmiHeader[] {
  return [
    ['Queue', queue.name],
    ['Name', member.name],
    ['Location', member.interface],
    ...queueMemberHeaders(model, queue, member, modern).filter(([name]) => !NAMED_APART.has(name)),
  ];
}

/** Who a waiting caller is, as Join and QueueEntry say it. */
export function callerIdHeaders(channel: SimChannel): AmiHeader[] {
  return [
    ['CallerIDNum', channel.callerIdNum],
    ['CallerIDName', channel.callerIdName],
    ['ConnectedLineNum', channel.connectedNum],
    ['ConnectedLineName', channel.connectedName],
  ];
}

/** Where the caller who hung up waited, and how long: QueueCallerAbandon's last headers in every dialect. */
export function abandonHeaders(event: Extract<ModelEvent, { kind: 'queueCallerAbandon' }>): AmiHeader[] {
  return [
    ['Position', String(event.position)],
    ['OriginalPosition', String(event.position)],
    ['HoldTime', String(event.holdTime)],
  ];
}

/** How long the caller waited and talked, and who hung up: AgentComplete's last headers in every dialect. */
export function completeHeaders(event: Extract<ModelEvent, { kind: 'agentComplete' }>): AmiHeader[] {
  return [
    ['HoldTime', String(event.holdTime)],
    ['TalkTime', String(event.talkTime)],
    ['Reason', event.reason],
  ];
}
