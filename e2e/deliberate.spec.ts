import { expect, test } from './fixtures';
import { callCard, connectAsOperator, notice, received, talking, tile } from './operator';

/** Point 3 of issue 10: consequences are deliberate, and every action says which call it touched. */

test.describe('consequences are deliberate', () => {
  test('a single click on a tile selects it; a double-click dials', async ({ console: page, pbx, host }) => {
    await connectAsOperator(page, host, pbx);
    await tile(page, '102').click();
    await expect(tile(page, '102')).toBeFocused();

    await tile(page, '103').dblclick();
    await expect(notice(page)).toContainText('Connected to 103.');
    // The click on 102 came first: had it dialled, its Originate would be here too.
    expect(received(pbx, 'Originate').map((action) => action.get('Exten'))).toEqual(['103']);
  });

  test('dialling while I am on a call asks first, with focus on Cancel', async ({ console: page, pbx, host }) => {
    await connectAsOperator(page, host, pbx);
    await talking(page, pbx, '105', '100');

    await tile(page, '102').dblclick();
    const dialog = page.getByTestId('confirm-dialog');
    await expect(dialog).toContainText('You are on a call with 105 Emma Fischer. Call 102 anyway?');
    await expect(page.getByTestId('confirm-cancel')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(tile(page, '102')).toBeFocused();

    await tile(page, '102').locator('[data-action="dial"]').click();
    await expect(dialog).toBeVisible();
    await page.getByTestId('confirm-yes').click();
    await expect(notice(page)).toContainText(/Calling your phone|Ringing 102|Connected to 102/);
    expect(received(pbx, 'Originate').map((action) => action.get('Exten'))).toEqual(['102']);
  });

  test('the hang-up prompt names the other person only and Enter, Enter does not hang up', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx);
    await talking(page, pbx, '105', '100');
    const card = callCard(page, '105', '100');

    await card.locator('[data-action="hangup"]').click();
    const dialog = page.getByTestId('confirm-dialog');
    await expect(dialog.locator('.confirm__message')).toHaveText('Hang up the call with 105 Emma Fischer?');
    await expect(page.getByTestId('confirm-cancel')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(card.locator('[data-action="hangup"]')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog.locator('.confirm__message')).toHaveText('Hang up the call with 105 Emma Fischer?');
    await expect(page.getByTestId('confirm-cancel')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(card).toHaveAttribute('data-state', 'up');
    expect(received(pbx, 'Hangup')).toEqual([]);

    await card.locator('[data-action="hangup"]').click();
    await page.getByTestId('confirm-yes').click();
    await expect(notice(page)).toContainText('Hung up the call with 105 Emma Fischer.');
  });

  test('park and record say which call they touched, once the PBX shows it', async ({ console: page, pbx, host }) => {
    await connectAsOperator(page, host, pbx);
    await talking(page, pbx, '105', '106');
    await talking(page, pbx, '103', '100');

    await callCard(page, '105', '106').locator('[data-action="record"]').click();
    await expect(notice(page)).toContainText('Recording the call with 105 Emma Fischer and 106 Felix Garcia.');
    await callCard(page, '105', '106').locator('[data-action="pause"]').click();
    await expect(notice(page)).toContainText('Recording paused: call with 105 Emma Fischer and 106 Felix Garcia.');

    await callCard(page, '103', '100').locator('[data-action="park"]').click();
    await expect(notice(page)).toContainText('Parked 103 Chloe Dubois in space 701.');
    await expect(page.getByTestId('parking-lot').locator('[data-slot="701"]')).toContainText('103');
  });
});
