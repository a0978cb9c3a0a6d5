import type { Page } from '@playwright/test';
import type { SimChannel, SimulatedPbx } from '../src-main/sim';
import { expect, test } from './fixtures';
import { connectAsOperator, headers, notice, received, tile } from './operator';

/**
 * The queues panel against the simulated PBX: what waits in queue `operator` (800, members 118 and
 * 119) and who answers it, live from app_queue's events; pause, add and remove members, and take a
 * waiting caller out to an extension. Every test checks the screen and the AMI the PBX received.
 */

const queue = (page: Page) => page.locator('[data-queue="operator"]');
const waitingCaller = (page: Page, number: string) => queue(page).locator(`[data-queue-caller="${number}"]`);
const queueMember = (page: Page, name: string) => queue(page).locator(`[data-queue-member="${name}"]`);

const live = (pbx: SimulatedPbx) => [...pbx.model.channels.values()].filter((channel) => !channel.hungUp);
const channelOf = (pbx: SimulatedPbx, number: string): SimChannel | undefined =>
  live(pbx).find((channel) => channel.callerIdNum === number && channel.application === 'Queue');

/** Both members unavailable, so that callers stay in the queue. */
async function nobodyAnswers(page: Page, pbx: SimulatedPbx) {
  pbx.setDeviceState('PJSIP/118', 'UNAVAILABLE');
  pbx.setDeviceState('PJSIP/119', 'UNAVAILABLE');
  await expect(queueMember(page, 'PJSIP/118')).toHaveAttribute('data-state', 'unavailable');
  await expect(queueMember(page, 'PJSIP/119')).toHaveAttribute('data-state', 'unavailable');
}

test.describe('the queues panel', () => {
  test('shows callers joining with position and a ticking wait, longest first, and drops the one who hangs up', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx);
    expect(received(pbx, 'QueueStatus'), 'the panel was read from QueueStatus at login').toHaveLength(1);
    await nobodyAnswers(page, pbx);

    await pbx.placeCall('0301111111', '800');
    await expect(waitingCaller(page, '0301111111')).toContainText('1');
    await expect(queue(page).getByTestId('queue-waiting')).toHaveText('1 caller waiting');
    await pbx.placeCall('0302222222', '800');
    await expect(queue(page).getByTestId('queue-waiting')).toHaveText('2 callers waiting');
    await expect
      .poll(() =>
        queue(page)
          .locator('[data-queue-caller]')
          .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-queue-caller'))),
      )
      .toEqual(['0301111111', '0302222222']);

    // The wait ticks on the page's clock from when the PBX said the caller joined.
    const wait = waitingCaller(page, '0301111111').getByTestId('queue-wait');
    await expect(wait).toHaveText(/^0:0[0-2]$/);
    await expect(wait).toHaveText(/^0:0[3-5]$/, { timeout: 6_000 });

    pbx.telephony.hangup(channelOf(pbx, '0301111111')!);
    await expect(waitingCaller(page, '0301111111')).toHaveCount(0);
    await expect(queue(page).getByTestId('queue-waiting')).toHaveText('1 caller waiting');
    await expect(waitingCaller(page, '0302222222').locator('.caller__position')).toHaveText('1');
  });
});
