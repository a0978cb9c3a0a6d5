/** Ringing a device for a caller, its answer, and bridging the two. */
import type { DialStatus, Hint, SimChannel } from '../model';
import { openCallee } from './handsets';
import type { Telephony } from './index';
import { optimizeIfBridged } from './local-optimisation';
import type { PendingDial } from './types';

export function dial(
  t: Telephony,
  caller: SimChannel | undefined,
  hint: Hint,
  handlers: {
    onAnswer: (dest: SimChannel) => void;
    onFail: (status: DialStatus) => void;
    /** Once the answering channel is Up, before its DialEnd ANSWER. */
    onAnswering?: (dest: SimChannel) => void;
    /** How long the phone rings before it answers, when not the PBX's usual answer delay. */
    answerAfterMs?: number;
    /** Called once the callee channel exists, before DialBegin (AgentCalled comes first). */
    onCreated?: (dest: SimChannel) => void;
    timeoutMs?: number;
    /** No DialBegin/DialState: Asterisk reports only the DialEnd of a transfer target (trace 11). */
    withoutDialBegin?: true;
    /** Dial the phone through a Local channel into this context (queue members, ring groups). */
    via?: string;
    /** That Local channel is dialled without `/n`. */
    optimize?: boolean;
  },
): SimChannel | undefined {
  const model = t.model;
  // FreePBX's dialplan answers busy for an extension in DND.
  const resting = model.dndOn(hint) ? 'BUSY' : model.stateOf(hint.device);
  if (resting === 'UNAVAILABLE' || resting === 'INVALID') {
    handlers.onFail('CHANUNAVAIL');
    return undefined;
  }
  if (resting === 'BUSY') {
    handlers.onFail('BUSY');
    return undefined;
  }
  const { dest, dialString, ringPhone, answerPhone } = openCallee(t, caller, hint, handlers.via, handlers.optimize);
  if (caller) {
    caller.application = 'Dial';
    caller.appData = `${dest.name.startsWith('Local/') ? `Local/${dialString}` : hint.device},30`;
  }
  handlers.onCreated?.(dest);
  const announced = !handlers.withoutDialBegin;
  if (announced) model.emit({ kind: 'dialBegin', caller, dest, dialString });
  model.setChannelState(dest, 'Ringing');
  if (announced) model.emit({ kind: 'dialState', caller, dest, status: 'RINGING' });
  ringPhone?.();
  const pending: PendingDial = {
    caller,
    dest,
    answerTimer: undefined,
    timeoutTimer: undefined,
    onAnswer: handlers.onAnswer,
    onFail: handlers.onFail,
    onAnswering: handlers.onAnswering,
    answerPhone,
  };
  t.pending.set(dest.uniqueid, pending);
  if (!t.noAnswer.has(hint.device))
    pending.answerTimer = t.later(handlers.answerAfterMs ?? t.answerDelayMs, () => t.answer(dest));
  pending.timeoutTimer = t.later(handlers.timeoutMs ?? 30_000, () => {
    endDial(t, pending, 'NOANSWER');
    t.model.leaveBridge(dest);
    t.model.destroyChannel(dest, 19);
    pending.onFail('NOANSWER');
  });
  return dest;
}

/** Stops a ringing dial; reports DialEnd unless the status is undefined. */
export function endDial(t: Telephony, pending: PendingDial, status: DialStatus | undefined): void {
  t.cancel(pending.answerTimer);
  t.cancel(pending.timeoutTimer);
  t.pending.delete(pending.dest.uniqueid);
  if (status) t.model.emit({ kind: 'dialEnd', caller: pending.caller, dest: pending.dest, status });
}

/** The ringing device picks up now. */
export function answer(t: Telephony, dest: SimChannel): boolean {
  const pending = t.pending.get(dest.uniqueid);
  if (!pending || dest.hungUp) return false;
  pending.answerPhone?.();
  t.model.setChannelState(dest, 'Up');
  pending.onAnswering?.(dest);
  endDial(t, pending, 'ANSWER');
  const caller = pending.caller;
  if (caller && !caller.hungUp) {
    if (caller.state !== 'Up') t.model.setChannelState(caller, 'Up');
    t.model.setConnectedLine(caller, dest.callerIdNum, dest.callerIdName);
  }
  pending.onAnswer(dest);
  return true;
}

export function bridgeTogether(t: Telephony, caller: SimChannel, callee: SimChannel): void {
  if (caller.hungUp || callee.hungUp) return;
  const bridge = t.model.createBridge();
  t.model.enterBridge(bridge, callee);
  t.model.enterBridge(bridge, caller);
  callee.application = 'AppDial';
  caller.application = 'Dial';
  optimizeIfBridged(t, callee);
  optimizeIfBridged(t, caller);
}

/** Ringing dials this channel is part of (as caller or callee). */
export function pendingFor(t: Telephony, channel: SimChannel): PendingDial[] {
  const found: PendingDial[] = [];
  for (const p of t.pending.values()) if (p.dest === channel || p.caller === channel) found.push(p);
  return found;
}
