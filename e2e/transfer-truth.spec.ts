import type { Page } from '@playwright/test';
import type { SimChannel, SimulatedPbx } from '../src-main/sim';
import { expect, test } from './fixtures';
import { callCard, connectAsOperator, notice, received, tile } from './operator';

/**
 * Point 1 of issue 10: dropping a call moves the person who is not the operator, and the console
 * says "Transferred" only once the simulated PBX's own model has that person with the target.
 */

const CALLER = '0301234567';

/** Every notice text the page shows, with the wall-clock time it first appeared. */
async function recordNotices(page: Page): Promise<() => Promise<{ text: string; at: number }[]>> {
  await page.evaluate(() => {
    const seen: { text: string; at: number }[] = [];
    (window as unknown as { noticesSeen: typeof seen }).noticesSeen = seen;
    const area = document.querySelector('[data-testid="notices"]')!;
    new MutationObserver(() => {
      for (const text of Array.from(area.querySelectorAll('.notice__text'), (node) => node.textContent ?? ''))
        if (!seen.some((entry) => entry.text === text)) seen.push({ text, at: Date.now() });
    }).observe(area, { childList: true, subtree: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { noticesSeen: { text: string; at: number }[] }).noticesSeen);
}

const live = (pbx: SimulatedPbx) => [...pbx.model.channels.values()].filter((channel) => !channel.hungUp);
const ofDevice = (pbx: SimulatedPbx, device: string) => live(pbx).filter((channel) => channel.device === device);
const callerChannel = (pbx: SimulatedPbx) => live(pbx).find((channel) => channel.callerIdNum === CALLER);
/** The devices the caller is bridged with in the PBX's own model. */
const callerTalksTo = (pbx: SimulatedPbx) => {
  const caller = callerChannel(pbx);
  return caller ? pbx.model.bridgePeers(caller).map((peer: SimChannel) => peer.device) : [];
};

/** The moment (wall clock) the simulated PBX bridged the caller with `device`. */
function whenCallerMeets(pbx: SimulatedPbx, device: string): () => number | undefined {
  let at: number | undefined;
  pbx.model.subscribe((event) => {
    if (at === undefined && event.kind === 'bridgeEnter' && callerTalksTo(pbx).includes(device)) at = Date.now();
  });
  return () => at;
}

async function callerTalksToMe(page: Page, pbx: SimulatedPbx) {
  await pbx.placeCall(CALLER, '100');
  await expect(callCard(page, CALLER, '100')).toHaveAttribute('data-state', 'up');
}

test.describe('transfers move the right person and say only what the PBX did', () => {
  test('dragging the call card by its centre moves the caller to 101; "Transferred" only after the PBX bridged them', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx);
    await callerTalksToMe(page, pbx);
    const notices = await recordNotices(page);
    const met = whenCallerMeets(pbx, 'PJSIP/101');

    // The card's centre lies on a person's row: whichever it is, the caller moves.
    await callCard(page, CALLER, '100').dragTo(tile(page, '101'));

    await expect.poll(() => callerTalksTo(pbx), { message: 'the PBX has the caller with 101' }).toEqual(['PJSIP/101']);
    await expect(notice(page)).toContainText('Transferred to 101.');
    expect(ofDevice(pbx, 'PJSIP/100'), 'my phone did not go to 101').toEqual([]);
    expect(received(pbx, 'BlindTransfer')[0]?.get('Channel')).toMatch(/^PJSIP\/100-/);
    const transferred = (await notices()).find((entry) => entry.text === 'Transferred to 101.');
    expect(transferred!.at).toBeGreaterThanOrEqual(met()!);
    await expect(callCard(page, CALLER, '101')).toHaveAttribute('data-state', 'up');
  });

  for (const row of [CALLER, '100']) {
    test(`dragging the card by the row of ${row === CALLER ? 'the caller' : 'the operator'} moves the caller, never the operator`, async ({
      console: page,
      pbx,
      host,
    }) => {
      await connectAsOperator(page, host, pbx);
      await callerTalksToMe(page, pbx);
      const card = callCard(page, CALLER, '100');
      await expect(card.locator('.call__party', { hasText: '100' })).not.toHaveAttribute('draggable', 'true');

      await card.locator('.call__party', { hasText: row }).dragTo(tile(page, '102'));

      await expect.poll(() => callerTalksTo(pbx)).toEqual(['PJSIP/102']);
      await expect(notice(page)).toContainText('Transferred to 102.');
      expect(ofDevice(pbx, 'PJSIP/100')).toEqual([]);
      expect(
        ofDevice(pbx, 'PJSIP/102').flatMap((channel) => pbx.model.bridgePeers(channel).map((peer) => peer.callerIdNum)),
      ).toEqual([CALLER]);
    });
  }

  test('a transfer 101 never answers says so, and never says "Transferred"', async ({ console: page, pbx, host }) => {
    test.setTimeout(75_000);
    await connectAsOperator(page, host, pbx);
    await callerTalksToMe(page, pbx);
    const notices = await recordNotices(page);
    pbx.telephony.noAnswer.add('PJSIP/101');

    await callCard(page, CALLER, '100').dragTo(tile(page, '101'));

    await expect(notice(page)).toContainText('Ringing 101 for the caller');
    await expect.poll(() => ofDevice(pbx, 'PJSIP/101').map((channel) => channel.state)).toEqual(['Ringing']);
    // The PBX rings 101 for its dial timeout (30 s), then ends the caller's call (its dialplan goes no further).
    await expect(notice(page).locator('[data-tone="error"] .notice__text')).toHaveText(
      `101 did not answer; the PBX then ended the call with ${CALLER}.`,
      { timeout: 40_000 },
    );
    expect(callerChannel(pbx)).toBeUndefined();
    expect((await notices()).map((entry) => entry.text)).not.toContainEqual(expect.stringContaining('Transferred'));
  });

  test('the caller hanging up during the transfer is said as such', async ({ console: page, pbx, host }) => {
    await connectAsOperator(page, host, pbx);
    await callerTalksToMe(page, pbx);
    pbx.telephony.noAnswer.add('PJSIP/101');
    await callCard(page, CALLER, '100').dragTo(tile(page, '101'));
    await expect(notice(page)).toContainText('Ringing 101 for the caller');

    pbx.telephony.hangup(callerChannel(pbx)!);

    await expect(notice(page).locator('[data-tone="error"] .notice__text')).toHaveText(
      `101 was still ringing when ${CALLER} hung up.`,
    );
  });
});
