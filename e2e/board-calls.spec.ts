import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { SimulatedPbx } from '../src-main/sim';
import { expect, test } from './fixtures';
import { callCard, connectAsOperator, talking, tile } from './operator';

/** Who is on which call, as the calls panel shows it and as the PBX itself has it. */
async function callsOnScreen(page: Page): Promise<string[][]> {
  const cards = page.getByTestId('calls-panel').locator('li.call');
  const parties = await cards.evaluateAll((elements) =>
    elements.map((card) =>
      Array.from(card.querySelectorAll('.call__party b'), (party) => party.textContent?.trim().split(' ')[0] ?? ''),
    ),
  );
  return parties.map((numbers) => numbers.sort()).sort();
}

function callsOfPbx(pbx: SimulatedPbx): string[][] {
  const bridged = [...pbx.model.bridges.values()]
    .filter((bridge) => bridge.type === 'basic')
    .map((bridge) => bridge.channels.map((channel) => channel.callerIdNum));
  const parked = [...pbx.model.parked.values()].map((entry) => [entry.parkee.callerIdNum]);
  return [...bridged, ...parked].map((numbers) => numbers.sort()).sort();
}

test.describe('the board with live calls', () => {
  test.use({ pbxOptions: { answerDelayMs: 300, parkingTimeoutMs: 120_000 } });

  test('after a forced reconnect in the middle of two calls and a parked one, shows exactly the PBX', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx);
    await talking(page, pbx, '101', '102');
    await talking(page, pbx, '103', '104');
    await talking(page, pbx, '105', '106');
    pbx.telephony.park(
      pbx.model.channelsOnDevice('PJSIP/106')[0]!,
      pbx.model.channelsOnDevice('PJSIP/105')[0],
      120_000,
    );
    await expect(page.getByTestId('parking-lot').locator('[data-slot="701"]')).toContainText('106');
    await expect(tile(page, '105').locator('.tile-call')).toHaveCount(0);
    const idsBefore = await page
      .getByTestId('calls-panel')
      .locator('li.call')
      .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-call')));

    // The console may come back faster than a poll can see "Reconnecting": the page records each status.
    await page.getByTestId('status-text').evaluate((status) => {
      const seen: string[] = [];
      (window as { statusesSeen?: string[] }).statusesSeen = seen;
      new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    pbx.faults.drop();
    // While the console is away (the simulator runs in this process: nothing reconnects in between),
    // one call ends; a new one starts.
    pbx.telephony.hangup(pbx.model.channelsOnDevice('PJSIP/103')[0]!, 16);
    await pbx.placeCall('107', '108');
    await expect
      .poll(() => page.evaluate(() => (window as { statusesSeen?: string[] }).statusesSeen ?? []))
      .toContainEqual(expect.stringContaining('Reconnecting'));
    await expect(page.getByTestId('status-text')).toContainText('Connected to Asterisk');
    await expect(callCard(page, '107', '108')).toHaveAttribute('data-state', 'up');

    await expect.poll(() => callsOnScreen(page)).toEqual(callsOfPbx(pbx));
    expect(callsOfPbx(pbx)).toEqual([['101', '102'], ['106'], ['107', '108']]);
    await expect(page.getByTestId('parking-lot').locator('[data-slot]')).toHaveCount(pbx.model.parked.size);
    const idsAfter = await page
      .getByTestId('calls-panel')
      .locator('li.call')
      .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-call')));
    expect(idsAfter.filter((id) => idsBefore.includes(id))).toEqual([]);
  });

  test('a busy board: calls, a ringing caller, a parked call, a recording (screenshot for the README)', async ({
    console: page,
    pbx,
    host,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await connectAsOperator(page, host, pbx);
    await talking(page, pbx, '+4930901820', '100');
    await talking(page, pbx, '101', '102');
    await talking(page, pbx, '103', '104');
    await callCard(page, '101', '102').locator('[data-action="record"]').click();
    await expect(callCard(page, '101', '102').locator('[data-recording]')).toHaveAttribute(
      'data-recording',
      'recording',
    );
    await talking(page, pbx, '105', '106');
    pbx.telephony.park(
      pbx.model.channelsOnDevice('PJSIP/106')[0]!,
      pbx.model.channelsOnDevice('PJSIP/105')[0],
      120_000,
    );
    await expect(page.getByTestId('parking-lot').locator('[data-slot="701"]')).toContainText('106');
    pbx.telephony.noAnswer.add('PJSIP/110');
    await pbx.placeCall('+4989123456', '110');
    await expect(tile(page, '110').locator('.tile-call')).toContainText('Ringing: +4989123456');
    pbx.setDeviceState('PJSIP/115', 'UNAVAILABLE');
    await page.waitForTimeout(2_200);
    mkdirSync('docs', { recursive: true });
    await page.screenshot({ path: 'docs/busy-board.png' });
  });
});
