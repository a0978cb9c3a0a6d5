import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { callCard, connectAsOperator, headers, received, talking, tile } from './operator';

/** Imports a CSV file through the phonebook dialog with the mapping guessed from its header, and closes it. */
async function importCsv(page: Page, fileName: string, csv: string): Promise<void> {
  await page.getByTestId('open-phonebook').click();
  const phonebook = page.getByTestId('phonebook');
  await phonebook
    .getByTestId('csv-file')
    .setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await phonebook.getByTestId('csv-import-button').click();
  await expect(phonebook.getByTestId('import-count')).toContainText(fileName);
  await phonebook.getByTestId('phonebook-close').click();
}

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

/** The phonebook dialog: contact files chosen in the page, their columns mapped, and the rows left out said. */
test.describe('importing contacts', () => {
  test('import a CSV with two bad rows (reported)', async ({ console: page, pbx, host }) => {
    await connectAsOperator(page, host, pbx);
    await page.getByTestId('open-phonebook').click();
    const phonebook = page.getByTestId('phonebook');
    await expect(phonebook.getByTestId('phonebook-source')).toHaveCount(1);
    const csv = [
      'Full name;Firma;Telefon;Handy',
      'Łukasz Wróbel;Wróbel Logistics;+48 22 555 0143;',
      ';Nobody Ltd;+1 202 555 0100;',
      'Chloé Dubois;Atelier Dubois;+33 1 55 55 01 44;+33 6 55 55 01 45',
      'Kim Min-jun;Hanbit;call me later;',
      '王小明;北京贸易;+86 10 5555 0146;',
    ].join('\n');
    await phonebook
      .getByTestId('csv-file')
      .setInputFiles({ name: 'partners.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const mapping = phonebook.getByTestId('csv-mapping');
    await expect(mapping).toContainText('partners.csv');
    // The guessed mapping, and the one column it could not guess chosen by hand.
    await expect(mapping.getByTestId('csv-column-name')).toHaveValue('0');
    await expect(mapping.getByTestId('csv-column-company')).toHaveValue('1');
    await expect(mapping.getByTestId('csv-column-phone')).toHaveValue('2');
    await mapping.getByTestId('csv-column-mobile').selectOption({ label: 'Handy' });
    await mapping.getByTestId('csv-import-button').click();

    const report = phonebook.getByTestId('import-report');
    await expect(report.getByTestId('import-count')).toHaveText('3 contacts imported from “partners.csv”.');
    await expect(report.getByTestId('skipped-row')).toHaveText([
      'Line 3: it has no name.',
      'Line 5: “call me later” is not a phone number.',
    ]);
    await expect(phonebook.getByTestId('phonebook-source')).toHaveCount(2);
    await expect(phonebook.getByTestId('phonebook-source').nth(1)).toContainText('partners.csv');
    await expect(phonebook.getByTestId('phonebook-source').nth(1).getByTestId('source-count')).toHaveText('3 contacts');
    await phonebook.getByTestId('phonebook-close').click();

    await page.getByTestId('dial-box').fill('lukasz');
    const suggestion = page.getByTestId('directory-suggestion');
    await expect(suggestion).toHaveCount(1);
    await expect(suggestion).toContainText('Łukasz Wróbel');
    await expect(suggestion.getByTestId('directory-source')).toHaveText('partners.csv');
  });
});

/** A ringing or talking outside party is named from the phonebook, though the PBX sends only digits. */
test.describe('caller lookup', () => {
  test("a caller's number shows the directory's name", async ({ console: page, pbx, host }) => {
    await connectAsOperator(page, host, pbx);
    await importCsv(
      page,
      'customers.csv',
      ['Name,Company,Phone', 'Łukasz Wróbel,Wróbel Logistics,+1 (202) 555-0143', '김민준,Hanbit,+1 202 555 0177'].join(
        '\n',
      ),
    );

    // Ringing at my phone: the PBX's caller ID is the number alone.
    pbx.telephony.noAnswer.add('PJSIP/100');
    await pbx.placeCall('12025550143', '100');
    const banner = page.getByTestId('incoming-alerts').locator('[data-alert-call]');
    await expect(banner).toContainText('Łukasz Wróbel');
    await expect(banner).toContainText('Wróbel Logistics');
    await expect(banner).toContainText('12025550143');
    await expect(callCard(page, '12025550143', '100')).toContainText('12025550143 Łukasz Wróbel · Wróbel Logistics');
    await expect(tile(page, '100')).toContainText('Łukasz Wróbel · Wróbel Logistics');

    // Talking at a colleague's phone: the tile's other party and the call card.
    await talking(page, pbx, '12025550177', '105');
    await expect(callCard(page, '12025550177', '105')).toContainText('12025550177 김민준 · Hanbit');
    await expect(tile(page, '105')).toContainText('12025550177 김민준 · Hanbit');

    // A number the phonebook does not know stays as the PBX wrote it.
    await talking(page, pbx, '0301234567', '106');
    await expect(tile(page, '106').locator('.tile-call__who')).toHaveText(/^←\s*0301234567$/);
  });
});

/** The board's filter box searches the phonebook as well as the tiles. */
test.describe('the filter box and the phonebook', () => {
  test('a person found by name shows their tile; a contact not on the PBX is listed and dialled by keyboard', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx);
    await importCsv(
      page,
      'partners.csv',
      ['Name,Company,Phone', 'Łukasz Wróbel,Wróbel Logistics,+1 (202) 555-0143'].join('\n'),
    );
    const filter = page.getByTestId('filter');

    // Words in another order than the tile's name: the phonebook finds the PBX user, the tile shows.
    await filter.fill('fischer emma');
    await expect(page.getByTestId('tile-count')).toHaveAttribute('data-count', '1');
    await expect(tile(page, '105')).toBeVisible();
    await expect(page.getByTestId('filter-contacts')).toHaveCount(0);

    // Accents ignored: a contact who is not on the PBX is listed with a dial button, reached with Tab.
    await filter.fill('lukasz');
    await expect(page.getByTestId('tile-count')).toHaveAttribute('data-count', '0');
    const contact = page.getByTestId('filter-contact');
    await expect(contact).toHaveCount(1);
    await expect(contact).toContainText('Łukasz Wróbel');
    await expect(contact).toContainText('Wróbel Logistics');
    const dial = contact.getByTestId('filter-contact-dial');
    for (let presses = 0; presses < 12; presses++) {
      if (await dial.evaluate((button) => button === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    await expect(dial).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => received(pbx, 'Originate').length).toBe(1);
    expect(headers(received(pbx, 'Originate')[0], 'Exten')).toEqual({ Exten: '+12025550143' });
  });
});
