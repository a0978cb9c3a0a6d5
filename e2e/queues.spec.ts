import type { Page } from '@playwright/test';
import type { SimChannel, SimulatedPbx } from '../src-main/sim';
import { expect, test } from './fixtures';
import { callCard, connectAsOperator, headers, notice, received, tile } from './operator';

/**
 * The queues panel against the simulated PBX: what waits in queue `operator` (800, members 118
 * Queue Agent One and 119 Queue Agent Two) and who answers it, live from app_queue's events; pause,
 * add and remove members, and take a waiting caller out to an extension. Every test checks the
 * screen and the AMI actions and headers the PBX received.
 */

const AGENT_118 = 'Queue Agent One';
const AGENT_119 = 'Queue Agent Two';
const queue = (page: Page) => page.locator('[data-queue="operator"]');
const waitingCaller = (page: Page, number: string) => queue(page).locator(`[data-queue-caller="${number}"]`);
const queueMember = (page: Page, name: string) => queue(page).locator(`[data-queue-member="${name}"]`);
const waitingOrder = (page: Page) =>
  queue(page)
    .locator('[data-queue-caller]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-queue-caller')));
const prompt = (page: Page) => page.getByTestId('queue-prompt');

const live = (pbx: SimulatedPbx) => [...pbx.model.channels.values()].filter((channel) => !channel.hungUp);
const queuedChannel = (pbx: SimulatedPbx, number: string): SimChannel | undefined =>
  pbx.model.queue.callers.find((entry) => entry.channel.callerIdNum === number)?.channel;
const sent = (pbx: SimulatedPbx, action: string, ...names: string[]) =>
  received(pbx, action).map((message) => headers(message, ...names));

/** Both members unavailable, so that callers stay in the queue. */
async function nobodyAnswers(page: Page, pbx: SimulatedPbx) {
  pbx.setDeviceState('PJSIP/118', 'UNAVAILABLE');
  pbx.setDeviceState('PJSIP/119', 'UNAVAILABLE');
  await expect(queueMember(page, AGENT_118)).toHaveAttribute('data-state', 'unavailable');
  await expect(queueMember(page, AGENT_119)).toHaveAttribute('data-state', 'unavailable');
}

test.describe('the queues panel', () => {
  test('live: callers join with position and a ticking wait, longest first; the one who hangs up is gone', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx, 'PJSIP/100', { queueWaitThresholdSeconds: 5 });
    expect(received(pbx, 'QueueStatus'), 'the panel was read from QueueStatus at login').toHaveLength(1);
    await nobodyAnswers(page, pbx);

    await pbx.placeCall('0301111111', '800');
    await expect(waitingCaller(page, '0301111111').locator('.caller__position')).toHaveText('1');
    await expect(queue(page).getByTestId('queue-waiting')).toHaveText('1 caller waiting');
    await pbx.placeCall('0302222222', '800');
    await expect(queue(page).getByTestId('queue-waiting')).toHaveText('2 callers waiting');
    await expect.poll(() => waitingOrder(page)).toEqual(['0301111111', '0302222222']);
    await expect(waitingCaller(page, '0302222222').locator('.caller__position')).toHaveText('2');

    // The wait ticks on the page's clock from when the PBX said the caller joined.
    const wait = waitingCaller(page, '0301111111').getByTestId('queue-wait');
    await expect(wait).toHaveText(/^0:0[0-2]$/);
    await expect(waitingCaller(page, '0301111111')).not.toHaveAttribute('data-long-wait');
    await expect(wait).toHaveText(/^0:0[3-4]$/, { timeout: 7_000 });
    // Past the profile's 5 s the wait is shown in warning colours.
    await expect(waitingCaller(page, '0301111111')).toHaveAttribute('data-long-wait', 'true', { timeout: 5_000 });
    await expect(wait).toHaveText(/^0:0[5-9]$/);

    pbx.telephony.hangup(queuedChannel(pbx, '0301111111')!);
    await expect(waitingCaller(page, '0301111111')).toHaveCount(0);
    await expect(queue(page).getByTestId('queue-waiting')).toHaveText('1 caller waiting');
    await expect(waitingCaller(page, '0302222222').locator('.caller__position')).toHaveText('1');
  });

  test('pause with a reason: QueuePause carries it, and the member shows it once the PBX reports it; then unpause', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx);
    const agent = queueMember(page, AGENT_119);
    await expect(agent).toHaveAttribute('data-state', 'idle');

    await agent.locator('[data-action="pause"]').click();
    await prompt(page).getByTestId('queue-prompt-value').fill('lunch break');
    await prompt(page).getByTestId('queue-prompt-value').press('Enter');

    await expect(agent.getByTestId('member-paused')).toHaveText('Paused: lunch break');
    await expect(agent).toHaveAttribute('data-paused', 'true');
    expect(sent(pbx, 'QueuePause', 'Queue', 'Interface', 'Paused', 'Reason')).toEqual([
      { Queue: 'operator', Interface: 'PJSIP/119', Paused: 'true', Reason: 'lunch break' },
    ]);
    expect(pbx.model.queue.members.find((member) => member.exten === '119')).toMatchObject({
      paused: true,
      pausedReason: 'lunch break',
    });
    await expect(notice(page)).toContainText(`${AGENT_119} is paused: lunch break.`);

    // From the keyboard: P on the focused member unpauses.
    await agent.focus();
    await agent.press('p');
    await expect(agent).not.toHaveAttribute('data-paused');
    expect(sent(pbx, 'QueuePause', 'Paused', 'Reason')[1]).toEqual({ Paused: 'false', Reason: undefined });
  });

  test('add a dynamic member and remove it again; a member from the configuration offers no remove', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx);
    await expect(queueMember(page, AGENT_118).locator('[data-action="remove"]')).toHaveCount(0);

    await queue(page).locator('[data-action="add-member"]').click();
    await prompt(page).getByTestId('queue-prompt-value').fill('117');
    await prompt(page).getByTestId('prompt-submit').click();

    const added = queueMember(page, 'Rosa Santos');
    await expect(added).toContainText('added');
    await expect(added).toHaveAttribute('data-state', 'idle');
    expect(sent(pbx, 'QueueAdd', 'Queue', 'Interface', 'MemberName', 'StateInterface')).toEqual([
      { Queue: 'operator', Interface: 'PJSIP/117', MemberName: 'Rosa Santos', StateInterface: 'PJSIP/117' },
    ]);
    expect(pbx.model.queue.members.map((member) => member.interface)).toContain('PJSIP/117');

    // Removing asks first.
    await added.locator('[data-action="remove"]').click();
    await expect(page.getByTestId('confirm-dialog')).toContainText('Remove Rosa Santos from queue operator?');
    await page.getByTestId('confirm-yes').click();
    await expect(added).toHaveCount(0);
    expect(sent(pbx, 'QueueRemove', 'Queue', 'Interface')).toEqual([{ Queue: 'operator', Interface: 'PJSIP/117' }]);
    expect(pbx.model.queue.members.map((member) => member.interface)).not.toContain('PJSIP/117');
  });

  test('pull a waiting caller out to an extension by drag, and to my phone by key', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx);
    await nobodyAnswers(page, pbx);
    await pbx.placeCall('0301111111', '800');
    await pbx.placeCall('0302222222', '800');
    await expect.poll(() => waitingOrder(page)).toEqual(['0301111111', '0302222222']);
    const first = queuedChannel(pbx, '0301111111')!;

    await waitingCaller(page, '0301111111').dragTo(tile(page, '105'));

    await expect(waitingCaller(page, '0301111111')).toHaveCount(0);
    expect(sent(pbx, 'Redirect', 'Channel', 'Context', 'Exten', 'Priority')).toEqual([
      { Channel: first.name, Context: 'internal', Exten: '105', Priority: '1' },
    ]);
    await expect(callCard(page, '0301111111', '105')).toHaveAttribute('data-state', 'up');
    await expect(notice(page)).toContainText('0301111111 left the queue for 105.');

    // Enter on the focused caller takes it to my phone (100).
    const second = queuedChannel(pbx, '0302222222')!;
    await waitingCaller(page, '0302222222').focus();
    await page.keyboard.press('Enter');
    await expect(waitingCaller(page, '0302222222')).toHaveCount(0);
    expect(sent(pbx, 'Redirect', 'Channel', 'Exten')[1]).toEqual({ Channel: second.name, Exten: '100' });
    await expect(callCard(page, '0302222222', '100')).toHaveAttribute('data-state', 'up');
    expect(live(pbx).some((channel) => channel.application === 'Queue')).toBe(false);
  });

  test('alert: a caller waiting past the profile’s threshold raises a banner with the caller and the queue; clicking it focuses the caller', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx, 'PJSIP/100', { queueWaitThresholdSeconds: 5 });
    await nobodyAnswers(page, pbx);
    const banner = page.locator('[data-alert-queue-caller="0301111111"]');

    await pbx.placeCall('0301111111', '800');
    await expect(waitingCaller(page, '0301111111')).toBeVisible();
    await expect(banner).toHaveCount(0);
    await expect(page).toHaveTitle('Switchboard');
    // Past 5 s of waiting, by the same rule that colours the row.
    await expect(banner).toBeVisible({ timeout: 9_000 });
    await expect(waitingCaller(page, '0301111111')).toHaveAttribute('data-long-wait', 'true');
    await expect(banner).toContainText('Waiting too long in operator');
    await expect(banner).toContainText('0301111111');
    await expect(page).toHaveTitle('(1) Switchboard');

    await banner.click();
    await expect(waitingCaller(page, '0301111111')).toBeFocused();

    // The caller leaves the queue: the alert goes with them.
    pbx.telephony.hangup(queuedChannel(pbx, '0301111111')!);
    await expect(banner).toHaveCount(0);
    await expect(page).toHaveTitle('Switchboard');
  });
});
