import { expect, test } from './fixtures';
import { callCard, connectAsOperator, headers, received, talking } from './operator';

/** The phonebook in the dial box and the transfer prompt: the PBX's users, found by part of a name. */
test.describe('the phonebook as the operator types', () => {
  test('finds a person by part of the name in the dial box, with their lamp, and Enter dials them', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx);
    await page.getByTestId('dial-box').fill('fisch');
    const suggestion = page.getByTestId('directory-suggestion');
    await expect(suggestion).toHaveCount(1);
    await expect(suggestion).toContainText('Emma Fischer');
    await expect(suggestion.getByTestId('directory-source')).toHaveText('The PBX');
    await expect(suggestion.locator('[data-lamp]')).toHaveCount(1);
    await page.getByTestId('dial-box').press('Enter');
    await expect.poll(() => received(pbx, 'Originate').length).toBe(1);
    expect(headers(received(pbx, 'Originate')[0], 'Exten')).toEqual({ Exten: '105' });
  });

  test('transfers by name in the transfer prompt: Enter takes the top entry', async ({ console: page, pbx, host }) => {
    await connectAsOperator(page, host, pbx);
    await talking(page, pbx, '105', '100');
    await callCard(page, '105', '100').locator('[data-action="transfer"]').click();
    await page.getByTestId('transfer-target').fill('felix garc');
    await expect(page.getByTestId('directory-suggestion')).toHaveCount(1);
    await expect(page.getByTestId('directory-suggestion')).toContainText('Felix Garcia');
    await page.getByTestId('transfer-target').press('Enter');
    await expect.poll(() => received(pbx, 'BlindTransfer').length).toBe(1);
    expect(headers(received(pbx, 'BlindTransfer')[0], 'Exten')).toEqual({ Exten: '106' });
  });
});
