import { describe, expect, it } from 'vitest';
import { nextTick, ref } from 'vue';
import type { LiveCall } from '../../src-preload/state';
import { useStableOrder } from './stable-order';

const call = (id: string, startedAt: number, mine = false): LiveCall => ({
  id,
  state: 'up',
  direction: 'internal',
  startedAt,
  answeredAt: startedAt,
  parties: [
    {
      partyId: `${id}p`,
      extensionId: mine ? '100@internal' : undefined,
      number: id,
      name: '',
      state: 'up',
      recording: 'none',
    },
  ],
});
const isMine = (c: LiveCall) => c.parties.some((party) => party.extensionId === '100@internal');

function panel(initial: LiveCall[]) {
  const calls = ref<LiveCall[]>(initial);
  const pointer = ref(false);
  const focus = ref(false);
  const order = useStableOrder(() => calls.value, isMine, { pointer, focus });
  const ids = () => ({
    mine: order.mine.value.map((card) => (card.ended ? `${card.call.id}(ended)` : card.call.id)),
    others: order.others.value.map((card) => (card.ended ? `${card.call.id}(ended)` : card.call.id)),
  });
  return { calls, pointer, focus, ids };
}

describe('the calls panel order', () => {
  it('puts my calls in their own section on top, each in the order given', () => {
    const { ids } = panel([call('a', 1), call('b', 2, true), call('c', 3)]);
    expect(ids()).toEqual({ mine: ['b'], others: ['a', 'c'] });
  });

  it('holds still under the pointer: a new call (even mine) takes the last place, an ended one stays as a ghost', async () => {
    const { calls, pointer, ids } = panel([call('a', 1), call('b', 2)]);
    pointer.value = true;
    calls.value = [call('new', 0, true), call('b', 2)];
    await nextTick();
    expect(ids()).toEqual({ mine: [], others: ['a(ended)', 'b', 'new'] });

    pointer.value = false;
    await nextTick();
    expect(ids()).toEqual({ mine: ['new'], others: ['b'] });
  });

  it('under keyboard focus keeps the order but lets an ended call go', async () => {
    const { calls, focus, ids } = panel([call('a', 1), call('b', 2)]);
    focus.value = true;
    calls.value = [call('c', 0), call('b', 2)];
    await nextTick();
    expect(ids()).toEqual({ mine: [], others: ['b', 'c'] });
  });
});
