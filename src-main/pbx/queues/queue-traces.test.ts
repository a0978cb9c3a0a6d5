import { afterEach, describe, expect, it } from 'vitest';
import type { CallQueue, QueueMember } from '../../../src-preload/state';
import { sessionOnTrace } from '../testing/trace-session';
import { readTrace } from '../testing/traces';

/**
 * The queue picture from the real Asterisk 20 traces: 16 (a caller waits, 119 is paused, 118 answers)
 * and 23 (two callers wait, one hangs up, pause and unpause, a dynamic member added and removed, the
 * other caller pulled out with a Redirect), played to the console as the app builds it.
 */
const sessions: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.close();
});

async function console(trace: string, options: Parameters<typeof sessionOnTrace>[1] = {}) {
  const session = await sessionOnTrace(readTrace(trace), { settings: { dialContext: 'internal' }, ...options });
  sessions.push(session);
  return session;
}

const operatorQueue = (pbx: Awaited<ReturnType<typeof console>>): CallQueue | undefined =>
  pbx.store.values('queues').find((queue) => queue.name === 'operator');
const callers = (queue: CallQueue | undefined) =>
  queue?.callers.map(({ position, number, name }) => ({ position, number, name }));
const members = (queue: CallQueue | undefined) =>
  queue?.members.map(({ name, extensionId, state, paused, pausedReason, callsTaken, dynamic }) => ({
    name,
    extensionId,
    state,
    paused,
    pausedReason,
    callsTaken,
    dynamic,
  }));
const member = (name: string, extensionId: string, rest: Partial<Omit<QueueMember, 'id'>> = {}) => ({
  name,
  extensionId,
  state: 'unavailable',
  paused: false,
  pausedReason: '',
  callsTaken: 0,
  dynamic: false,
  ...rest,
});

describe('the queue panel from the traces', () => {
  it('16: a caller waits, 119 pauses for lunch, 118 is rung and answers; calls taken and last call follow', async () => {
    const pbx = await console('16-queue');
    await pbx.playUntil(1832);
    expect(callers(operatorQueue(pbx))).toEqual([{ position: 1, number: '101', name: 'Ext 101' }]);
    expect(members(operatorQueue(pbx))).toEqual([
      member('Operator 118', '118@internal'),
      member('Operator 119', '119@internal'),
    ]);

    await pbx.playUntil(4338);
    expect(members(operatorQueue(pbx))?.[1]).toEqual(
      member('Operator 119', '119@internal', { paused: true, pausedReason: 'lunch break' }),
    );

    await pbx.playUntil(5836);
    expect(operatorQueue(pbx)?.callers[0]?.ringing).toEqual(['Operator 118']);
    expect(members(operatorQueue(pbx))?.[0]?.state).toBe('ringing');

    await pbx.playUntil(6880);
    expect(callers(operatorQueue(pbx))).toEqual([]);
    expect(members(operatorQueue(pbx))?.[0]).toEqual(
      member('Operator 118', '118@internal', { state: 'inUse', callsTaken: 1 }),
    );
    expect(operatorQueue(pbx)?.members[0]?.lastCallAt).toBe(1795379203_000);
  });

  it('23: at connect QueueStatus gives both callers with their wait; hang-up, pause, add, remove and pull follow', async () => {
    const connectedAt = Date.now();
    const pbx = await console('receptionist/23-queue-operations', {
      listedAs: { trace: 'receptionist/23-queue-operations', actionIds: { QueueStatus: 'rec-4' } },
    });
    const atConnect = operatorQueue(pbx);
    expect(callers(atConnect)).toEqual([
      { position: 1, number: '101', name: 'Ext 101' },
      { position: 2, number: '102', name: 'Ext 102' },
    ]);
    // QueueEntry's Wait: 6 and 3 seconds before the list was read.
    expect(connectedAt - (atConnect?.callers[0]?.joinedAt ?? 0)).toBeGreaterThanOrEqual(5_000);
    expect((atConnect?.callers[1]?.joinedAt ?? 0) - (atConnect?.callers[0]?.joinedAt ?? 0)).toBe(3_000);
    expect(atConnect?.abandoned).toBe(2);

    // The events from the start of the trace name the same callers again: nobody is listed twice.
    await pbx.playUntil(7846);
    expect(callers(operatorQueue(pbx))).toHaveLength(2);
    await pbx.playUntil(7847);
    expect(callers(operatorQueue(pbx))).toEqual([{ position: 1, number: '101', name: 'Ext 101' }]);

    await pbx.playUntil(8849);
    expect(members(operatorQueue(pbx))?.find((one) => one.name === 'Operator 119')).toMatchObject({
      paused: true,
      pausedReason: 'lunch break',
    });
    await pbx.playUntil(9351);
    expect(members(operatorQueue(pbx))?.find((one) => one.name === 'Operator 119')).toMatchObject({
      paused: false,
      pausedReason: '',
    });

    await pbx.playUntil(9852);
    expect(members(operatorQueue(pbx))?.find((one) => one.name === 'Operator 117')).toEqual(
      member('Operator 117', '117@internal', {
        state: 'idle',
        paused: true,
        pausedReason: 'not yet logged in',
        dynamic: true,
      }),
    );
    await pbx.playUntil(10354);
    expect(members(operatorQueue(pbx))?.map((one) => one.name)).toEqual(['Operator 119', 'Operator 118']);

    await pbx.playUntil(11163);
    expect(callers(operatorQueue(pbx))).toEqual([]);
  });

  it("23: the console's queue actions are the trace's, from the ids it issued", async () => {
    const pbx = await console('receptionist/23-queue-operations', {
      listedAs: { trace: 'receptionist/23-queue-operations', actionIds: { QueueStatus: 'rec-4' } },
    });
    const queue = operatorQueue(pbx)!;
    const of = (name: string) => queue.members.find((one) => one.name === name)!.id;
    const sent = (action: string) =>
      pbx.received(action).map((message) => message.headers.filter(([name]) => name !== 'ActionID'));

    await pbx.session.queueDesk.pause(of('Operator 119'), true, 'lunch break');
    await pbx.session.queueDesk.pause(of('Operator 119'), false, undefined);
    await pbx.session.queueDesk.addMember(queue.id, '117@internal');
    await pbx.session.queueDesk.pull(queue.callers[0]!.id, '107');
    expect(sent('QueuePause')).toEqual([
      [
        ['Action', 'QueuePause'],
        ['Queue', 'operator'],
        ['Interface', 'Local/119@phones'],
        ['Paused', 'true'],
        ['Reason', 'lunch break'],
      ],
      [
        ['Action', 'QueuePause'],
        ['Queue', 'operator'],
        ['Interface', 'Local/119@phones'],
        ['Paused', 'false'],
      ],
    ]);
    // Shaped like the static members: Local/118@phones watched through Custom:118.
    expect(sent('QueueAdd')[0]).toEqual(
      expect.arrayContaining([
        ['Interface', 'Local/117@phones'],
        ['StateInterface', 'Custom:117'],
      ]),
    );
    expect(sent('Redirect')).toEqual([
      [
        ['Action', 'Redirect'],
        ['Channel', 'Local/101@internal-00000047;1'],
        ['Context', 'internal'],
        ['Exten', '107'],
        ['Priority', '1'],
      ],
    ]);
    const removeStatic = await pbx.session.queueDesk.removeMember(of('Operator 118'));
    expect(removeStatic).toMatchObject({ ok: false, error: { code: 'memberNotDynamic' } });
    expect(pbx.received('QueueRemove')).toEqual([]);
  });
});
