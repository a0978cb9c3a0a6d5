/** The queue: callers joining and leaving, members rung and connected, members paused. */
import type { DialplanAddress, QueueMember, SimChannel } from '../model';
import type { AgentCall } from './types';
import { endDial, pendingFor } from './dialling';
import type { Telephony } from './index';

export function joinQueue(t: Telephony, channel: SimChannel): void {
  const queue = t.model.queue;
  t.answerChannel(channel);
  channel.application = 'Queue';
  channel.appData = queue.name;
  queue.callers.push({ channel, joinedAt: t.clock.now() });
  t.model.emit({ kind: 'queueCallerJoin', queue, channel, position: queue.callers.length });
  t.distributeQueue();
}

export function leaveQueue(t: Telephony, channel: SimChannel, abandoned: boolean): void {
  const queue = t.model.queue;
  const at = queue.callers.findIndex((e) => e.channel === channel);
  if (at < 0) return;
  const [entry] = queue.callers.splice(at, 1);
  if (abandoned) {
    queue.abandoned++;
    t.model.emit({
      kind: 'queueCallerAbandon',
      queue,
      channel,
      position: at + 1,
      holdTime: Math.round((t.clock.now() - entry!.joinedAt) / 1000),
    });
  }
  t.model.emit({ kind: 'queueCallerLeave', queue, channel, position: at + 1 });
}

/** Rings the first available member for the first waiting caller (ringall with one winner). */
export function distributeQueue(t: Telephony): void {
  const model = t.model;
  const queue = model.queue;
  const entry = queue.callers[0];
  if (!entry || pendingFor(t, entry.channel).length > 0) return;
  const member = queue.members.find((m) => !m.paused && model.stateOf(m.stateInterface) === 'NOT_INUSE');
  const hint = member && model.hintByExten(member.exten);
  if (!member || !hint) return;
  const caller = entry.channel;
  const ringStart = t.clock.now();
  t.dial(caller, hint, {
    timeoutMs: 15_000,
    via: model.office.queueMemberContext,
    onCreated: (agent) => model.emit({ kind: 'agentCalled', queue, member, caller, agent }),
    onAnswer: (agent) => {
      const holdTime = Math.round((t.clock.now() - entry.joinedAt) / 1000);
      leaveQueue(t, caller, false);
      member.callsTaken++;
      member.lastCall = Math.floor(t.clock.now() / 1000);
      queue.completed++;
      model.emit({
        kind: 'agentConnect',
        queue,
        member,
        caller,
        agent,
        holdTime,
        ringTime: Math.round((t.clock.now() - ringStart) / 1000),
      });
      const call: AgentCall = { queue, member, caller, agent, holdTime, connectedAt: t.clock.now() };
      t.agentCalls.set(caller.uniqueid, call);
      t.agentCalls.set(agent.uniqueid, call);
      t.bridgeTogether(caller, agent);
    },
    onFail: () => {
      t.later(2000, () => t.distributeQueue());
    },
  });
}

/** The first of a queue call's two to hang up ends it (trace 16: after the leave, before the caller's Hangup). */
export function completeAgentCall(t: Telephony, channel: SimChannel): void {
  const call = t.agentCalls.get(channel.uniqueid);
  if (!call) return;
  t.agentCalls.delete(call.caller.uniqueid);
  t.agentCalls.delete(call.agent.uniqueid);
  t.model.emit({
    kind: 'agentComplete',
    ...call,
    talkTime: Math.round((t.clock.now() - call.connectedAt) / 1000),
    reason: channel === call.caller ? 'caller' : 'agent',
  });
}

/** The member a QueuePause / QueueRemove names by its interface. */
export function memberByInterface(t: Telephony, iface: string): QueueMember | undefined {
  return t.model.queue.members.find((m) => m.interface.toLowerCase() === iface.toLowerCase());
}

export function pauseMember(t: Telephony, iface: string, paused: boolean, reason: string): boolean {
  const member = memberByInterface(t, iface);
  if (!member) return false;
  member.paused = paused;
  member.pausedReason = paused ? reason : '';
  member.lastPause = Math.floor(t.clock.now() / 1000);
  t.model.emit({ kind: 'queueMemberPause', queue: t.model.queue, member });
  if (!paused) t.distributeQueue();
  return true;
}

/** QueueAdd: a dynamic member, rung like the others once free and not paused (trace 23). */
export function addMember(
  t: Telephony,
  wanted: {
    readonly interface: string;
    readonly name: string;
    readonly stateInterface: string;
    readonly paused: boolean;
    readonly reason: string;
  },
): 'added' | 'alreadyThere' {
  if (memberByInterface(t, wanted.interface)) return 'alreadyThere';
  const now = Math.floor(t.clock.now() / 1000);
  const member: QueueMember = {
    exten: extenOf(t, wanted.stateInterface) ?? extenOf(t, wanted.interface) ?? '',
    interface: wanted.interface,
    stateInterface: wanted.stateInterface,
    name: wanted.name,
    dynamic: true,
    loginTime: now,
    paused: wanted.paused,
    pausedReason: wanted.paused ? wanted.reason : '',
    callsTaken: 0,
    lastCall: 0,
    lastPause: wanted.paused ? now : 0,
  };
  t.model.queue.members.push(member);
  t.model.emit({ kind: 'queueMemberAdded', queue: t.model.queue, member });
  t.distributeQueue();
  return 'added';
}

export type MemberRemoval = 'removed' | 'notThere' | 'notDynamic';

export function removeMember(t: Telephony, iface: string): MemberRemoval {
  const members = t.model.queue.members;
  const member = memberByInterface(t, iface);
  if (!member) return 'notThere';
  if (!member.dynamic) return 'notDynamic';
  members.splice(members.indexOf(member), 1);
  t.model.emit({ kind: 'queueMemberRemoved', queue: t.model.queue, member });
  return 'removed';
}

/**
 * A Redirect takes a waiting caller out of the queue: members rung for it stop, and Asterisk reports
 * the caller abandoned, already at its new place in the dialplan, then leaving (trace 23).
 */
export function redirectOutOfQueue(t: Telephony, channel: SimChannel, to: DialplanAddress): void {
  if (!t.model.queue.callers.some((entry) => entry.channel === channel)) return;
  for (const ringing of pendingFor(t, channel)) {
    endDial(t, ringing, 'CANCEL');
    t.model.destroyChannel(ringing.dest, 16);
  }
  channel.context = to.context;
  channel.exten = to.exten;
  channel.priority = 1;
  leaveQueue(t, channel, true);
}

/** The extension of a member's device: the hint that watches it, else the number in its name. */
function extenOf(t: Telephony, device: string): string | undefined {
  const hinted = t.model.hintsForDevice(device)[0];
  return hinted?.exten ?? /(?:\/|:)(\d+)(?:@|$)/.exec(device)?.[1];
}
