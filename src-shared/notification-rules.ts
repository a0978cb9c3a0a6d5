/**
 * When the console alerts the operator, and what the alert says: one rule for the page's in-page
 * banner and for a native notification driven from main. Plain data in, plain data out; it knows
 * the picture only by the few fields it reads.
 */
import { DEFAULT_QUEUE_WAIT_THRESHOLD_SECONDS } from './profile';

/** What the rule reads of a call's person (the picture's CallParty has these). */
export interface AlertParty {
  readonly extensionId: string | undefined;
  readonly number: string;
  readonly name: string;
  readonly state: string;
}

/** What the rule reads of a call (the picture's LiveCall has these). */
export interface AlertCall {
  readonly id: string;
  readonly parties: readonly AlertParty[];
}

/** My phone rings: who is calling, in full. */
export interface IncomingCallAlert {
  readonly kind: 'ringingForMe';
  /** Stable while the call rings: a notification is shown once per key. */
  readonly key: string;
  /** The call to focus when the alert is clicked. */
  readonly callId: string;
  readonly callerName: string;
  readonly callerNumber: string;
}

/** A caller has waited in a queue past the profile's threshold: who, and in which queue. */
export interface QueueWaitAlert {
  readonly kind: 'queueWait';
  /** Stable while the caller waits: a notification is shown once per key. */
  readonly key: string;
  /** The waiting caller to focus when the alert is clicked. */
  readonly callerId: string;
  readonly queueName: string;
  readonly callerName: string;
  readonly callerNumber: string;
  /** Epoch ms at which the caller joined the queue. */
  readonly joinedAt: number;
}

/** What rings at my phone (main's native notifications show these). */
export type CallAlert = IncomingCallAlert;

/** Everything the console alerts about: what rings for me, and who waits in a queue too long. */
export type ConsoleAlert = CallAlert | QueueWaitAlert;

/** What the rule reads of a queue and its waiting callers (the picture's CallQueue has these). */
export interface AlertQueue {
  readonly name: string;
  readonly callers: readonly {
    readonly id: string;
    readonly number: string;
    readonly name: string;
    readonly joinedAt: number;
  }[];
}

/**
 * Every call ringing at my phone, oldest first as the calls come: the caller is the first other
 * person on the call (a ring group's other legs ring too; they are not the caller).
 */
export function incomingCallAlerts(calls: readonly AlertCall[], myExtensionId: string | undefined): CallAlert[] {
  if (!myExtensionId) return [];
  return calls.flatMap((call) => {
    const me = call.parties.find((party) => party.extensionId === myExtensionId);
    if (!me || me.state !== 'ringing') return [];
    const caller = call.parties.find((party) => party !== me && party.state !== 'ringing') ??
      call.parties.find((party) => party !== me) ?? { number: '', name: '' };
    const name = caller.name.trim() === caller.number.trim() ? '' : caller.name.trim();
    return [
      { kind: 'ringingForMe', key: `ring:${call.id}`, callId: call.id, callerName: name, callerNumber: caller.number },
    ];
  });
}

/** Whether a caller who joined at `joinedAt` has waited past the threshold at `now` (coloured in the panel, alerted). */
export function waitedPastThreshold(joinedAt: number, thresholdSeconds: number, now: number): boolean {
  return now - joinedAt >= thresholdSeconds * 1000;
}

/** Which queues' long waits alert the operator, and after how long: the profile's choice. */
export interface QueueWatch {
  readonly thresholdSeconds: number;
  /** Queue names; empty: every queue the AMI user can see. */
  readonly queues: readonly string[];
}

/** The profile's watch: its threshold (or the default) over its watched queues. */
export function queueWatchOf(profile: {
  readonly queueWaitThresholdSeconds?: number | undefined;
  readonly watchedQueues: readonly string[];
}): QueueWatch {
  return {
    thresholdSeconds: profile.queueWaitThresholdSeconds ?? DEFAULT_QUEUE_WAIT_THRESHOLD_SECONDS,
    queues: profile.watchedQueues,
  };
}

const watchedBy = (watch: QueueWatch, queue: AlertQueue) =>
  watch.queues.length === 0 || watch.queues.includes(queue.name);

/** Every caller waiting in a watched queue past the threshold, longest wait first. */
export function queueWaitAlerts(queues: readonly AlertQueue[], watch: QueueWatch, now: number): QueueWaitAlert[] {
  const alerts: QueueWaitAlert[] = queues
    .filter((queue) => watchedBy(watch, queue))
    .flatMap((queue) =>
      queue.callers
        .filter((caller) => waitedPastThreshold(caller.joinedAt, watch.thresholdSeconds, now))
        .map((caller) => ({
          kind: 'queueWait' as const,
          key: `queue:${caller.id}`,
          callerId: caller.id,
          queueName: queue.name,
          callerName: caller.name.trim() === caller.number.trim() ? '' : caller.name.trim(),
          callerNumber: caller.number,
          joinedAt: caller.joinedAt,
        })),
    );
  return alerts.sort((a, b) => a.joinedAt - b.joinedAt);
}

/**
 * When (epoch ms) the next caller still under the threshold in a watched queue crosses it, if
 * anyone is: the moment to look again, rather than on every tick.
 */
export function nextQueueWaitCrossing(
  queues: readonly AlertQueue[],
  watch: QueueWatch,
  now: number,
): number | undefined {
  const crossings = queues
    .filter((queue) => watchedBy(watch, queue))
    .flatMap((queue) => queue.callers.map((caller) => caller.joinedAt + watch.thresholdSeconds * 1000))
    .filter((crossing) => crossing > now);
  return crossings.length > 0 ? Math.min(...crossings) : undefined;
}

/** The window's title with the count of what waits for me: `(2) Switchboard`. */
export function titleWithCount(title: string, alerts: readonly ConsoleAlert[]): string {
  return alerts.length > 0 ? `(${alerts.length}) ${title}` : title;
}

/** Alerts that are new since the last look: each is notified once. */
export function newAlerts<T extends ConsoleAlert>(before: readonly T[], now: readonly T[]): T[] {
  const seen = new Set(before.map((alert) => alert.key));
  return now.filter((alert) => !seen.has(alert.key));
}
