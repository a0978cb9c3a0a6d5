import { describe, expect, it } from 'vitest';
import {
  newAlerts,
  nextQueueWaitCrossing,
  queueWaitAlerts,
  queueWatchOf,
  titleWithCount,
  type AlertQueue,
  type QueueWatch,
} from './notification-rules';
import { DEFAULT_QUEUE_WAIT_THRESHOLD_SECONDS } from './profile';

const NOW = 1_800_000_000_000;
const secondsAgo = (seconds: number) => NOW - seconds * 1000;
const queue = (name: string, ...callers: Array<[id: string, number: string, name: string, waited: number]>) =>
  ({
    name,
    callers: callers.map(([id, number, callerName, waited]) => ({
      id,
      number,
      name: callerName,
      joinedAt: secondsAgo(waited),
    })),
  }) satisfies AlertQueue;

const QUEUES = [
  queue('operator', ['a', '0301111111', 'Acme Ltd', 61], ['b', '0302222222', '0302222222', 20]),
  queue('sales', ['c', '0303333333', 'Beta GmbH', 90]),
];
const every = (thresholdSeconds: number): QueueWatch => ({ thresholdSeconds, queues: [] });

describe('queue-wait alerts', () => {
  it('alert each caller past the threshold in a watched queue, longest wait first; every queue when none is named', () => {
    expect(queueWaitAlerts(QUEUES, every(60), NOW)).toEqual([
      {
        kind: 'queueWait',
        key: 'queue:c',
        callerId: 'c',
        queueName: 'sales',
        callerName: 'Beta GmbH',
        callerNumber: '0303333333',
        joinedAt: secondsAgo(90),
      },
      {
        kind: 'queueWait',
        key: 'queue:a',
        callerId: 'a',
        queueName: 'operator',
        callerName: 'Acme Ltd',
        callerNumber: '0301111111',
        joinedAt: secondsAgo(61),
      },
    ]);
    // A caller whose name is only the number is alerted by the number alone.
    expect(queueWaitAlerts(QUEUES, every(20), NOW).find((alert) => alert.callerId === 'b')?.callerName).toBe('');
  });

  it('alert nobody in a queue the profile does not watch', () => {
    const salesOnly = { thresholdSeconds: 60, queues: ['sales'] };
    expect(queueWaitAlerts(QUEUES, salesOnly, NOW).map((alert) => alert.callerId)).toEqual(['c']);
    expect(queueWaitAlerts(QUEUES, { thresholdSeconds: 5, queues: ['support'] }, NOW)).toEqual([]);
  });

  it('keep the same key while the caller waits, so each is notified once, not once a tick', () => {
    const before = queueWaitAlerts(QUEUES, every(60), NOW);
    const aTickLater = queueWaitAlerts(QUEUES, every(60), NOW + 1000);
    expect(newAlerts(before, aTickLater)).toEqual([]);
    // 40 s later caller b crosses 60 s too: only b is new.
    const later = queueWaitAlerts(QUEUES, every(60), NOW + 40_000);
    expect(newAlerts(before, later).map((alert) => alert.callerId)).toEqual(['b']);
    expect(titleWithCount('Switchboard', later)).toBe('(3) Switchboard');
  });

  it('say when the next watched caller crosses the threshold, and nothing when all have or none waits', () => {
    expect(nextQueueWaitCrossing(QUEUES, every(60), NOW)).toBe(secondsAgo(20) + 60_000);
    expect(nextQueueWaitCrossing(QUEUES, { thresholdSeconds: 60, queues: ['sales'] }, NOW)).toBeUndefined();
    expect(nextQueueWaitCrossing(QUEUES, every(10), NOW)).toBeUndefined();
    expect(nextQueueWaitCrossing([queue('operator')], every(10), NOW)).toBeUndefined();
  });

  it('take the profile’s threshold, or the default, over its watched queues', () => {
    expect(queueWatchOf({ queueWaitThresholdSeconds: 30, watchedQueues: ['operator'] })).toEqual({
      thresholdSeconds: 30,
      queues: ['operator'],
    });
    expect(queueWatchOf({ watchedQueues: [] })).toEqual({
      thresholdSeconds: DEFAULT_QUEUE_WAIT_THRESHOLD_SECONDS,
      queues: [],
    });
  });
});
