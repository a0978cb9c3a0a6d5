import { expect, test } from './fixtures';
import { callCard, connectAsOperator, notice, received, tile } from './operator';

/**
 * Point 6 of issue 10: everything from the keyboard, with focus asserted after each action. Not a
 * single mouse event: the operator at 100 types only.
 */

test.describe('everything from the keyboard', () => {
  test('dial, record, pause, park, pick up, transfer and hang up, focus staying on the tile acted on', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx);
    const keys = page.keyboard;
    const tile105 = tile(page, '105');

    // `/`, the number, Enter: the one match is dialled and focus lands on its tile.
    await keys.press('/');
    await expect(page.getByTestId('filter')).toBeFocused();
    await keys.type('105');
    await keys.press('Enter');
    await expect(notice(page)).toContainText('Connected to 105.');
    await expect(tile105).toBeFocused();

    await keys.press('r');
    await expect(notice(page)).toContainText('Recording the call with 105 Emma Fischer.');
    await expect(tile105).toBeFocused();
    await keys.press('r');
    await expect(notice(page)).toContainText('Recording paused: call with 105 Emma Fischer.');
    await expect(tile105).toBeFocused();

    await keys.press('p');
    await expect(notice(page)).toContainText('Parked 105 Emma Fischer in space 701.');
    await expect(tile105).toBeFocused();

    await keys.press('u');
    await expect(notice(page)).toContainText('You have the call from space 701.');
    await expect(callCard(page, '105', '100')).toHaveAttribute('data-state', 'up');
    await expect(tile105).toBeFocused();

    await keys.press('t');
    await expect(page.getByTestId('transfer-target')).toBeFocused();
    await keys.type('107');
    await keys.press('Enter');
    await expect(notice(page)).toContainText('Transferred to 107.');
    await expect(callCard(page, '105', '107')).toHaveAttribute('data-state', 'up');
    await expect(tile105).toBeFocused();
    expect(received(pbx, 'BlindTransfer')[0]?.get('Channel')).toMatch(/^PJSIP\/100-/);

    await keys.press('h');
    await expect(page.getByTestId('confirm-dialog')).toContainText(
      'Hang up the call between 105 Emma Fischer and 107 Grace Hall?',
    );
    await expect(page.getByTestId('confirm-cancel')).toBeFocused();
    await keys.press('Tab');
    await expect(page.getByTestId('confirm-yes')).toBeFocused();
    // Tab stays inside the dialog.
    await keys.press('Tab');
    await expect(page.getByTestId('confirm-cancel')).toBeFocused();
    await keys.press('Shift+Tab');
    await expect(page.getByTestId('confirm-yes')).toBeFocused();
    await keys.press('Enter');
    await expect(notice(page)).toContainText('Hung up the call with 105 Emma Fischer and 107 Grace Hall.');
    await expect(page.getByTestId('calls-panel').locator('li.call:not([data-ended])')).toHaveCount(0);
    await expect(tile105).toBeFocused();
  });

  test('arrows move between tiles, ? lists the keys, / works from a checkbox and a select, D reaches the dial box', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx);
    const keys = page.keyboard;
    await keys.press('/');
    await keys.type('105');
    await keys.press('Escape');
    await expect(page.getByTestId('filter')).toHaveValue('');
    await keys.press('Tab');
    await expect(page.getByRole('checkbox', { name: 'Group by context' })).toBeFocused();
    await keys.press('/');
    await expect(page.getByTestId('filter')).toBeFocused();
    await keys.press('Tab');
    await keys.press('Tab');
    await expect(page.getByTestId('tile-size')).toBeFocused();
    await keys.press('/');
    await expect(page.getByTestId('filter')).toBeFocused();

    // The bar's order: filter, group by context, tile size, phonebook, call history, then the tiles.
    await keys.press('Tab');
    await keys.press('Tab');
    await keys.press('Tab');
    await expect(page.getByTestId('open-phonebook')).toBeFocused();
    await keys.press('Tab');
    await expect(page.getByTestId('history-open')).toBeFocused();
    await keys.press('Tab');
    await expect(tile(page, '100')).toBeFocused();
    await keys.press('ArrowRight');
    await expect(tile(page, '101')).toBeFocused();
    await keys.press('ArrowDown');
    const below = page.locator('.tile:focus');
    expect(await below.getAttribute('data-extension')).not.toBe('101@internal');
    await keys.press('ArrowUp');
    await expect(tile(page, '101')).toBeFocused();
    await keys.press('ArrowLeft');
    await expect(tile(page, '100')).toBeFocused();

    await keys.press('?');
    const help = page.getByTestId('shortcuts');
    await expect(help).toContainText('Keyboard shortcuts');
    for (const key of ['/', 'D', 'Enter', 'T', 'Shift+T', 'P', 'U', 'R', 'H', '?'])
      await expect(help).toContainText(key);
    await keys.press('Escape');
    await expect(help).toBeHidden();
    await expect(tile(page, '100')).toBeFocused();

    await keys.press('d');
    await expect(page.getByTestId('dial-box')).toBeFocused();
  });
});
