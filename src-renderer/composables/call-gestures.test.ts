import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveCall } from '../../src-preload/state';
import { startSimulatedPbx, type SimulatedPbx } from '../../src-main/sim';
import { useBoardStore } from '../stores/board';
import { useCallsStore } from '../stores/calls';
import { logInAsOperator, noticeTexts } from '../testing/operator-in-node';
import { openPageInNode, type PageInNode } from '../testing/page-in-node';
import { useCallGestures } from './call-gestures';

let page: PageInNode;
let pbx: SimulatedPbx;
let stopFollowing: () => void;

beforeEach(async () => {
  setActivePinia(createPinia());
  page = await openPageInNode();
  pbx = await startSimulatedPbx({ port: 0, answerDelayMs: 200 });
  stopFollowing = await logInAsOperator(pbx);
});
afterEach(async () => {
  stopFollowing();
  await page.close();
  await pbx.close();
});

/** The drag events a browser hands the board: only the modifier keys matter to the gestures. */
const dragEvent = (shiftKey = false) => ({ shiftKey, altKey: false, dataTransfer: null }) as DragEvent;
const received = (action: string) =>
  pbx.actionsReceived.filter((entry) => entry.action.get('Action') === action).map((entry) => entry.action);
const tile = (exten: string) => useBoardStore().tiles.find((known) => known.exten === exten)!;

async function talking(from: string, to: string): Promise<LiveCall> {
  const calls = useCallsStore();
  const find = () => calls.calls.find((call) => call.parties.some((party) => party.number === from));
  await pbx.placeCall(from, to);
  await expect.poll(() => find()?.state).toBe('up');
  return find()!;
}

describe('the board call gestures', () => {
  it('a call dropped on an idle tile goes there at once: the PBX is asked to transfer it to that extension', async () => {
    const gestures = useCallGestures();
    const call = await talking('105', '100');
    gestures.startDrag({ kind: 'call', callId: call.id }, dragEvent());
    expect(gestures.dropStateOf(tile('108'))).toBe('accepts');
    gestures.dropOnTile(tile('108'), dragEvent());
    expect(gestures.confirming.value).toBeUndefined();
    await expect.poll(() => received('BlindTransfer').map((action) => action.get('Exten'))).toEqual(['108']);
    expect(useCallsStore().dragging).toBeUndefined();
  });

  it('a drop on a busy tile asks first in words; cancelling sends nothing, confirming transfers', async () => {
    const gestures = useCallGestures();
    await talking('107', '109');
    await expect.poll(() => tile('107').lamp).toBe('inUse');
    const call = await talking('105', '100');

    gestures.startDrag({ kind: 'call', callId: call.id }, dragEvent());
    expect(gestures.dropStateOf(tile('107'))).toBe('warns');
    gestures.dropOnTile(tile('107'), dragEvent());
    expect(gestures.confirming.value?.message).toBe('107 Grace Hall is busy. Transfer the call there anyway?');
    gestures.cancel();
    expect(gestures.confirming.value).toBeUndefined();

    gestures.startDrag({ kind: 'call', callId: call.id }, dragEvent());
    gestures.dropOnTile(tile('107'), dragEvent());
    gestures.confirm();
    await expect.poll(() => received('BlindTransfer').map((action) => action.get('Exten'))).toEqual(['107']);
  });

  it('Shift held at the drop asks for an attended transfer, on my own channel', async () => {
    const gestures = useCallGestures();
    const call = await talking('105', '100');
    gestures.startDrag({ kind: 'call', callId: call.id }, dragEvent());
    gestures.dropOnTile(tile('108'), dragEvent(true));
    await expect.poll(() => received('Atxfer').length).toBe(1);
    expect(received('Atxfer')[0]?.get('Channel')).toMatch(/^PJSIP\/100-/);
    expect(received('BlindTransfer')).toEqual([]);
  });

  it('a call dropped on the parking lot is parked, and the notice names the space', async () => {
    const gestures = useCallGestures();
    const call = await talking('105', '100');
    gestures.startDrag({ kind: 'call', callId: call.id }, dragEvent());
    gestures.dropOnParking();
    await expect.poll(noticeTexts).toContain('Parked 105 Emma Fischer in space 701.');
  });

  it('hanging up asks first, naming the person I would cut off', async () => {
    const gestures = useCallGestures();
    const call = await talking('105', '100');
    gestures.askHangup(call);
    expect(gestures.confirming.value?.message).toBe('Hang up the call with 105 Emma Fischer?');
    expect(received('Hangup')).toEqual([]);
    gestures.confirm();
    await expect.poll(() => useCallsStore().calls.some((known) => known.id === call.id)).toBe(false);
  });

  it('dialling while I am on a call asks first; with no call it dials at once', async () => {
    const gestures = useCallGestures();
    gestures.askDial('106');
    expect(gestures.confirming.value).toBeUndefined();
    await expect.poll(() => received('Originate').length).toBe(1);

    await expect.poll(() => useCallsStore().myCalls[0]?.state).toBe('up');
    gestures.askDial('108');
    expect(gestures.confirming.value?.message).toBe(
      'You are on a call with 106 Felix Garcia. Call 108 anyway? Your phone rings for the new call.',
    );
    gestures.cancel();
    expect(received('Originate')).toHaveLength(1);
  });

  it('the keyboard transfer selects the call and sends it to the number typed', async () => {
    const gestures = useCallGestures();
    const call = await talking('105', '100');
    gestures.openTransfer(call, 'blind');
    expect(useCallsStore().selectedCallId).toBe(call.id);
    expect(gestures.transferring.value).toMatchObject({ mode: 'blind' });
    gestures.submitTransfer('108', 'blind');
    expect(gestures.transferring.value).toBeUndefined();
    await expect.poll(() => received('BlindTransfer').map((action) => action.get('Exten'))).toEqual(['108']);
  });
});
