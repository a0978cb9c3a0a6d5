import type { Page } from '@playwright/test';
import type { SimulatedPbx } from '../src-main/sim';
import { createProfile, expect, test } from './fixtures';
import { connectAsOperator, tile } from './operator';

/**
 * Issue 11's alert for a caller who waits in a watched queue past the profile's threshold, in the
 * browser host: an in-page banner and the count in the window's title, for the queues the profile
 * watches only; the alert comes from the PBX's events and the page's clock, never from an action.
 */

const queue = (page: Page) => page.locator('[data-queue="operator"]');
const waitingCaller = (page: Page, number: string) => queue(page).locator(`[data-queue-caller="${number}"]`);
const queueAlert = (page: Page) => page.getByTestId('incoming-alerts').locator('[data-alert-queue-caller]');
const editor = (page: Page) => page.getByTestId('profile-editor');
/** What the PBX was asked from `since` on, but for the client's keep-alive. */
const actionsSince = (pbx: SimulatedPbx, since: number) =>
  pbx.actionsReceived
    .slice(since)
    .map((entry) => entry.action.get('Action'))
    .filter((action) => action !== 'Ping');

/** Both members unavailable, so that callers stay in the queue. */
async function nobodyAnswers(page: Page, pbx: SimulatedPbx) {
  pbx.setDeviceState('PJSIP/118', 'UNAVAILABLE');
  pbx.setDeviceState('PJSIP/119', 'UNAVAILABLE');
  await expect(queue(page).locator('[data-queue-member][data-state="unavailable"]')).toHaveCount(2);
}

test.describe('queue-wait alerts', () => {
  test('a caller waiting past the threshold in a watched queue: a banner and the count in the title; a click focuses the caller; gone when they hang up', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx, 'PJSIP/100', {
      queueWaitThresholdSeconds: 5,
      watchedQueues: ['operator'],
    });
    await nobodyAnswers(page, pbx);
    const since = pbx.actionsReceived.length;

    await pbx.placeCall('0301111111', '800');
    await expect(waitingCaller(page, '0301111111')).toBeVisible();
    await expect(page).toHaveTitle('Switchboard');
    await expect(queueAlert(page)).toHaveCount(0);

    await expect(queueAlert(page)).toHaveText(/Waiting too long in operator\s*0301111111/, { timeout: 8_000 });
    await expect(waitingCaller(page, '0301111111')).toHaveAttribute('data-long-wait', 'true');
    await expect(page).toHaveTitle('(1) Switchboard');
    await queueAlert(page).click();
    await expect(waitingCaller(page, '0301111111')).toBeFocused();

    const queued = pbx.model.queue.callers.find((entry) => entry.channel.callerIdNum === '0301111111');
    pbx.telephony.hangup(queued!.channel);
    await expect(queueAlert(page)).toHaveCount(0);
    await expect(page).toHaveTitle('Switchboard');
    expect(actionsSince(pbx, since), 'the alert asked nothing of the PBX').toEqual([]);
  });

  test('watched queues chosen in the profile editor: a queue not among them raises no alert, however long the caller waits', async ({
    console: page,
    pbx,
  }) => {
    await createProfile(page, pbx);
    await page.getByTestId('edit-profile').click();
    await editor(page).getByLabel('My device').fill('PJSIP/100');
    await editor(page).getByLabel('Dial context').fill('internal');
    await editor(page).getByLabel('Seconds a queue caller waits before the wait is shown in warning colours').fill('5');
    const watched = editor(page).getByLabel(
      'Queues that alert me when a caller waits that long (comma-separated; empty: every queue)',
    );
    await expect(watched).toHaveValue('');
    await watched.fill('front desk');
    await editor(page).getByTestId('profile-save').click();
    await expect(editor(page).locator('[data-field-error="watchedQueues"]')).toHaveText(
      "A watched queue may contain only letters, digits, '-', '_' and '.'.",
    );
    await watched.fill('sales, support');
    await editor(page).getByTestId('profile-save').click();
    await expect(editor(page)).toBeHidden();
    await page.getByLabel('Secret', { exact: true }).fill('demo');
    await page.getByTestId('connect-submit').click();
    await expect(tile(page, '100')).toContainText('You');
    await nobodyAnswers(page, pbx);
    const since = pbx.actionsReceived.length;

    await pbx.placeCall('0302222222', '800');
    // Past the threshold the panel colours the wait, but `operator` is not watched: no banner, no count.
    await expect(waitingCaller(page, '0302222222')).toHaveAttribute('data-long-wait', 'true', { timeout: 8_000 });
    await expect(waitingCaller(page, '0302222222').getByTestId('queue-wait')).toHaveText(/^0:0[6-9]$/, {
      timeout: 5_000,
    });
    await expect(page.getByTestId('incoming-alerts').locator('button')).toHaveCount(0);
    await expect(page).toHaveTitle('Switchboard');
    expect(actionsSince(pbx, since)).toEqual([]);
  });
});
