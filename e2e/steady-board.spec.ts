import type { SimulatedPbx } from '../src-main/sim';
import { expect, test } from './fixtures';
import { callCard, connectAsOperator, talking } from './operator';

/** Point 2 of issue 10: a board that holds still under the pointer, my calls on top, my ringing call announced. */

test.describe('a board that holds still', () => {
  test('with a new call every 300 ms for 10 s, the card under the pointer stays the same', async ({
    console: page,
    pbx,
    host,
  }) => {
    test.setTimeout(60_000);
    await connectAsOperator(page, host, pbx);
    await talking(page, pbx, '103', '104');
    await talking(page, pbx, '105', '106');
    const target = callCard(page, '105', '106');
    const id = await target.getAttribute('data-call');
    const box = (await target.boundingBox())!;
    const point = { x: box.x + box.width / 2, y: box.y + 12 };
    await page.mouse.move(point.x, point.y);

    const under = () =>
      page.evaluate(
        ({ x, y }) => (document.elementFromPoint(x, y)?.closest('li.call') as HTMLElement | null)?.dataset.call,
        point,
      );
    const seen = new Set<string | undefined>();
    const extensions = Array.from({ length: 30 }, (_, index) => String(107 + (index % 20)));
    for (const [index, exten] of extensions.entries()) {
      await pbx.placeCall(`0301000${String(index).padStart(3, '0')}`, index % 7 === 3 ? '100' : exten);
      // A call above the one under the pointer ends: its card keeps its place until the pointer leaves.
      if (index === 10) pbx.telephony.hangup(liveChannelOf(pbx, '103')!);
      await page.waitForTimeout(300);
      seen.add(await under());
    }
    expect([...seen], 'the same card stayed under the pointer').toEqual([id]);
    await expect(page.getByTestId('calls-panel').locator('li.call[data-ended]')).toHaveCount(1);

    // Once the pointer leaves, the panel sorts: the ended call goes, my calls come to the top.
    await page.mouse.move(20, 300);
    await expect(page.getByTestId('calls-panel').locator('li.call[data-ended]')).toHaveCount(0);
    await expect(page.getByTestId('calls-panel').locator('.calls__list').first()).toHaveAttribute(
      'data-section',
      'mine',
    );
  });

  test('my calls stand on top; a call ringing for me is announced with the caller in full', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx);
    await talking(page, pbx, '103', '104');
    pbx.telephony.noAnswer.add('PJSIP/100');
    await pbx.placeCall('105', '100');

    const ringing = page.getByTestId('ringing-for-me');
    await expect(ringing).toContainText('Ringing for you');
    await expect(ringing.locator('.ringing__who')).toHaveText('105 Emma Fischer');
    const lists = page.getByTestId('calls-panel').locator('.calls__list');
    await expect(lists.nth(0)).toHaveAttribute('data-section', 'mine');
    await expect(lists.nth(0)).toContainText('105');
    await expect(lists.nth(1)).toHaveAttribute('data-section', 'others');
    await expect(lists.nth(1)).toContainText('103');
  });
});

/** A live channel of the extension's device, in the simulator's own model. */
const liveChannelOf = (pbx: SimulatedPbx, exten: string) =>
  [...pbx.model.channels.values()].find((channel) => channel.device === `PJSIP/${exten}` && !channel.hungUp);
