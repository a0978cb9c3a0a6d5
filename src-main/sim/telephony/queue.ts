/** The queue: callers joining and leaving, members rung and connected, members paused. */
import type { SimChannel } from '../model';
import type { AgentCall } from './types';
import { pendingFor } from './dialling';
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
    onCreated: (dest) => model.emit({ kind: 'agentCalled', queue, member, caller, dest }),
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
        dest: agent,
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

export function pauseMember(t: Telephony, iface: string, paused: boolean, reason: string): boolean {
  const member = t.model.queue.members.find(
    (m) => m.interface.toLowerCase() === iface.toLowerCase() || `Local/${m.exten}@phones` === iface,
  );
  if (!member) return false;
  member.paused = paused;
  member.pausedReason = paused ? reason : '';
  member.lastPause = Math.floor(t.clock.now() / 1000);
  t.model.emit({ kind: 'queueMemberPause', queue: t.model.queue, member });
  if (!paused) t.distributeQueue();
  return true;
}
