import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { expect, test } from './fixtures';
import { callCard, connectAsOperator, talking, tile } from './operator';

/**
 * Point 8 and the accessibility acceptance of issue 10: a page without its token says what to do;
 * axe-core finds no serious or critical violation on the login screen and on a busy board.
 */

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Runs axe-core (from node_modules) in the page and lists the serious and critical violations. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated by the test driver, not added as a <script>: the page's own CSP stays on and refuses inline scripts.
  await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
}

test.describe('accessibility and the way in', () => {
  test('a page opened without its #token= says what to do instead of an empty login', async ({
    console: page,
    host,
  }) => {
    await page.goto('about:blank');
    await page.goto(host.bridge.url.split('#')[0]!);
    const missing = page.getByTestId('missing-token');
    await expect(missing).toContainText('This address is missing its access key');
    await expect(missing).toContainText('#token=');
    await expect(missing).toContainText('open the full address it shows');
    await expect(page.getByTestId('connect-demo')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/missing-token.png' });
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the login screen has no serious or critical axe violation', async ({ console: page }) => {
    await expect(page.getByTestId('connect-demo')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('a busy board has no serious or critical axe violation', async ({ console: page, pbx, host }) => {
    await connectAsOperator(page, host, pbx);
    await talking(page, pbx, '+493090182077', '100');
    await talking(page, pbx, '101', '104');
    await callCard(page, '101', '104').locator('[data-action="record"]').click();
    await expect(callCard(page, '101', '104').locator('[data-recording]')).toHaveAttribute(
      'data-recording',
      'recording',
    );
    await talking(page, pbx, '105', '106');
    pbx.telephony.park(
      pbx.model.channelsOnDevice('PJSIP/106')[0]!,
      pbx.model.channelsOnDevice('PJSIP/105')[0],
      120_000,
    );
    await expect(page.getByTestId('parking-lot').locator('[data-slot="701"]')).toBeVisible();
    pbx.telephony.noAnswer.add('PJSIP/110');
    await pbx.placeCall('+4989123456789', '110');
    await expect(tile(page, '110').locator('.tile-call')).toContainText('+4989123456789');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
