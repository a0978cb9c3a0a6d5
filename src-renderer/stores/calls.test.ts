import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulatedPbx, type SimulatedPbx } from '../../src-main/sim';
import { logInAsOperator, noticeTexts } from '../testing/operator-in-node';
import { openPageInNode, type PageInNode } from '../testing/page-in-node';
import { useCallsStore } from './calls';

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

const received = (action: string) => pbx.actionsReceived.filter((entry) => entry.action.get('Action') === action);

async function talking(from: string, to: string) {
  const calls = useCallsStore();
  await pbx.placeCall(from, to);
  await expect
    .poll(() => calls.calls.find((call) => call.parties.some((party) => party.number === from))?.state)
    .toBe('up');
  return calls.calls.find((call) => call.parties.some((party) => party.number === from))!;
}

describe('the calls store', () => {
  it('lists a call on both tiles and counts it as mine when my extension is on it', async () => {
    const calls = useCallsStore();
    await pbx.placeCall('106', '107');
    const mine = await talking('105', '100');
    expect(calls.isMine(mine)).toBe(true);
    expect(calls.myCalls.map((call) => call.id)).toEqual([mine.id]);
    expect(calls.callsByExtension.get('105@internal')?.map((call) => call.id)).toEqual([mine.id]);
    expect(calls.callsByExtension.get('100@internal')?.map((call) => call.id)).toEqual([mine.id]);
    const theirs = calls.calls.find((call) => call !== mine)!;
    expect(calls.isMine(theirs)).toBe(false);
  });

  it('parks a call and says which space once the parking lot shows it', async () => {
    const calls = useCallsStore();
    const call = await talking('105', '100');
    expect(await calls.park(call.id)).toBe(true);
    await expect.poll(noticeTexts).toContain('Parked 105 Emma Fischer in space 701.');
    expect(received('Park')).toHaveLength(1);
  });

  it('hangs up and says so only once the call is gone from the PBX', async () => {
    const calls = useCallsStore();
    const call = await talking('105', '106');
    expect(await calls.hangup(call.id)).toBe(true);
    await expect.poll(noticeTexts).toContain('Hung up the call with 105 Emma Fischer and 106 Felix Garcia.');
    expect(calls.calls.some((known) => known.id === call.id)).toBe(false);
  });

  it('dials: my phone rings first, then the extension, and the notice follows the PBX to connected', async () => {
    const calls = useCallsStore();
    expect(await calls.dial('105')).toBe(true);
    await expect.poll(noticeTexts).toContain('Connected to 105.');
    expect(received('Originate')[0]?.action.get('Channel')).toBe('PJSIP/100');
  });

  it('says in words why main refused a number, and sends the PBX nothing', async () => {
    const calls = useCallsStore();
    expect(await calls.dial('10 ; 7')).toBe(false);
    expect(noticeTexts()).toEqual([
      'That is not a number the console can dial. Use digits, * and # (or an extension’s letters), up to 64.',
    ]);
    expect(received('Originate')).toEqual([]);
  });
});
