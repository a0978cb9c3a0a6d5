import type { Page } from '@playwright/test';
import type { SimulatedPbx } from '../src-main/sim';
import { demoOffice } from '../src-main/sim/office';
import { LANGUAGES } from '../src-shared/language';
import { expect, test } from './fixtures';
import { callCard, connectAsOperator, talking, tile } from './operator';

/**
 * Point 7 of issue 10: nothing cut off at the window sizes receptionists use. A busy board (a long
 * name, long numbers, a ringing caller, a paused recording, a parked call), in every tile size; each
 * tile, call card and badge must hold its text (scrollWidth <= clientWidth). Screenshots go to
 * test-results/ to be looked at.
 */

const LONG_NAME = 'Maximiliane Alexandra von Hohenzollern-Sigmaringen';
const SIZES = [
  { width: 1024, height: 700 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
const MEASURED = [
  '.tile',
  '.tile__head',
  '.tile__name',
  '.tile-call',
  '.tile-call__who',
  '.lamp',
  '.rec',
  'li.call',
  '.call__head',
  '.call__party',
  '.call__actions',
  '.slot',
  '.ringing',
];

test.use({
  pbxOptions: {
    answerDelayMs: 300,
    office: (() => {
      const office = demoOffice();
      return {
        ...office,
        extensions: office.extensions.map((extension) =>
          extension.exten === '104' ? { ...extension, name: LONG_NAME } : extension,
        ),
      };
    })(),
  },
});

/** Every measured element whose content is wider than its box. */
const overflowing = (page: Page) =>
  page.evaluate((selectors) => {
    const found: string[] = [];
    for (const selector of selectors) {
      for (const element of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
        if (element.scrollWidth > element.clientWidth + 1)
          found.push(
            `${selector} "${element.textContent?.trim().slice(0, 60)}" ${element.scrollWidth}>${element.clientWidth}`,
          );
      }
    }
    return found;
  }, MEASURED);

async function busyBoard(page: Page, pbx: SimulatedPbx) {
  await talking(page, pbx, '+493090182077', '100');
  await talking(page, pbx, '101', '104');
  await callCard(page, '101', '104').locator('[data-action="record"]').click();
  await expect(callCard(page, '101', '104').locator('[data-action="pause"]')).toBeVisible();
  await callCard(page, '101', '104').locator('[data-action="pause"]').click();
  await expect(callCard(page, '101', '104').locator('[data-recording]')).toHaveAttribute('data-recording', 'paused');
  await talking(page, pbx, '105', '106');
  pbx.telephony.park(pbx.model.channelsOnDevice('PJSIP/106')[0]!, pbx.model.channelsOnDevice('PJSIP/105')[0], 120_000);
  await expect(page.getByTestId('parking-lot').locator('[data-slot="701"]')).toBeVisible();
  pbx.telephony.noAnswer.add('PJSIP/110');
  await pbx.placeCall('+4989123456789', '110');
  await expect(tile(page, '110').locator('.tile-call')).toContainText('+4989123456789');
  pbx.telephony.noAnswer.add('PJSIP/100');
  await pbx.placeCall('107', '100');
  await expect(page.getByTestId('ringing-for-me')).toContainText('107 Grace Hall');
  await page.mouse.move(1, 1);
}

for (const language of LANGUAGES)
  test.describe(`nothing cut off in ${language}`, () => {
    test.use({ locale: language });

    test('tiles, call cards and badges hold their text at 1024×700, 1366×768 and 1920×1080, in every tile size', async ({
      console: page,
      pbx,
      host,
    }) => {
      test.setTimeout(90_000);
      await page.setViewportSize(SIZES[1]);
      await connectAsOperator(page, host, pbx);
      await busyBoard(page, pbx);
      await expect(tile(page, '104').locator('.tile__name')).toHaveAttribute('title', new RegExp(LONG_NAME));

      for (const size of SIZES) {
        await page.setViewportSize(size);
        for (const tileSize of ['compact', 'normal', 'large'] as const) {
          await page.getByTestId('tile-size').selectOption(tileSize);
          await page.mouse.move(1, 1);
          await expect
            .poll(() => overflowing(page), { message: `${size.width}×${size.height} ${tileSize}` })
            .toEqual([]);
          await page.screenshot({
            path: `test-results/layout-${language}-${size.width}x${size.height}-${tileSize}.png`,
          });
        }
      }
    });
  });
