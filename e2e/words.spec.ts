import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { callCard, connectAsOperator, notice, received, talking } from './operator';

/** Point 5 of issue 10: words a person understands, in a place that covers nothing. */

const HINT = 'Use digits, * and # (or an extension’s letters), up to 64.';

/** Whether any notice's box overlaps a tile or a call card. */
/** Whether a notice lies over any part of a tile or a call card that can be seen (scrolled-away parts cannot). */
const noticesCoverSomething = (page: Page) =>
  page.evaluate(() => {
    type Box = { left: number; top: number; right: number; bottom: number };
    const clip = (a: Box, b: Box): Box => ({
      left: Math.max(a.left, b.left),
      top: Math.max(a.top, b.top),
      right: Math.min(a.right, b.right),
      bottom: Math.min(a.bottom, b.bottom),
    });
    const visible = (element: Element): Box => {
      let box: Box = element.getBoundingClientRect();
      for (let parent = element.parentElement; parent; parent = parent.parentElement)
        if (getComputedStyle(parent).overflow !== 'visible') box = clip(box, parent.getBoundingClientRect());
      return box;
    };
    const boxes = (selector: string) => Array.from(document.querySelectorAll(selector), visible);
    const overlap = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    return boxes('.notice').some((n) => boxes('.tile, li.call').some((other) => overlap(n, other)));
  });

test.describe('words a person understands', () => {
  test('a number that cannot be dialled is said next to the field, in words', async ({ console: page, pbx, host }) => {
    await connectAsOperator(page, host, pbx);
    const box = page.getByTestId('dial-box');
    await box.fill('10 1');
    await box.press('Enter');
    await expect(page.getByTestId('dial-box-error')).toHaveText(HINT);
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    await expect(box).toHaveAccessibleDescription(HINT);
    await box.fill('101');
    await expect(page.getByTestId('dial-box-error')).toHaveCount(0);
    expect(received(pbx, 'Originate')).toEqual([]);

    await talking(page, pbx, '105', '100');
    await callCard(page, '105', '100').locator('[data-action="transfer"]').click();
    await page.getByTestId('transfer-target').fill('1/07');
    await page.getByTestId('transfer-target').press('Enter');
    await expect(page.getByTestId('transfer-target-error')).toHaveText(HINT);
    await expect(page.getByTestId('transfer-prompt')).toBeVisible();
    await expect(notice(page)).not.toContainText(/calls:|target|invalid argument/);
    expect(received(pbx, 'BlindTransfer')).toEqual([]);
  });

  test('successes fade, errors stay until dismissed, three at most, covering no tile or call', async ({
    console: page,
    pbx,
    host,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await connectAsOperator(page, host, pbx);
    await talking(page, pbx, '105', '106');
    await callCard(page, '105', '106').locator('[data-action="record"]').click();
    const success = notice(page).locator('[data-tone="success"]');
    await expect(success).toContainText('Recording the call with 105 Emma Fischer and 106 Felix Garcia.');
    await expect(success).toHaveCount(0, { timeout: 9_000 });

    pbx.setDeviceState('PJSIP/100', 'UNAVAILABLE');
    for (const number of ['101', '102', '103', '104']) {
      await page.getByTestId('dial-box').fill(number);
      await page.getByTestId('dial-box').press('Enter');
      await expect.poll(() => received(pbx, 'Originate').length).toBe(Number(number) - 100);
    }
    const errors = notice(page).locator('[data-tone="error"]');
    await expect(errors).toHaveCount(3);
    await page.waitForTimeout(6_000);
    await expect(errors).toHaveCount(3);
    expect(await noticesCoverSomething(page)).toBe(false);
    await errors.first().getByRole('button', { name: 'Dismiss' }).click();
    await expect(errors).toHaveCount(2);
  });

  test('an outside caller not yet answered is "Waiting"; "1 extension"; the header counts follow the filter', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx);
    pbx.telephony.noAnswer.add('PJSIP/101');
    await pbx.placeCall('0301234567', '101');
    const caller = callCard(page, '0301234567').locator('.call__party', { hasText: '0301234567' });
    await expect(caller).toContainText('Waiting');
    await expect(callCard(page, '0301234567')).not.toContainText('Dialling');

    await page.keyboard.press('/');
    await page.keyboard.type('105');
    await expect(page.getByTestId('tile-count')).toHaveText('1 extension');
    await expect(page.locator('[data-count-lamp]')).toHaveCount(1);
    await expect(page.locator('[data-count-lamp="idle"]')).toContainText('1');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('tile-count')).not.toHaveText('1 extension');
  });
});
