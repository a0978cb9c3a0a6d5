import type { Page } from '@playwright/test';
import { createProfile, expect, test } from './fixtures';
import { callCard, headers, received, talking, tile } from './operator';

/**
 * Issue 11's profile settings, set in the profile editor (the operator's own path) and then seen at
 * work on the board: in the AMI actions the simulated PBX received.
 */

const CALLER = '0301234567';

const editor = (page: Page) => page.getByTestId('profile-editor');
const menuItem = (page: Page, exten: string, item: string) =>
  page.locator(`[data-menu-for="${exten}@internal"] [data-menu="${item}"]`);

/** A profile made in the editor for the receptionist at 100, then opened in the editor again. */
async function createAndEdit(page: Page, pbx: { host: string; port: number }): Promise<void> {
  await createProfile(page, pbx);
  await page.getByTestId('edit-profile').click();
  await editor(page).getByLabel('My device').fill('PJSIP/100');
  await editor(page).getByLabel('Dial context').fill('internal');
}

async function saveAndConnect(page: Page): Promise<void> {
  await editor(page).getByTestId('profile-save').click();
  await expect(editor(page)).toBeHidden();
  await page.getByLabel('Secret', { exact: true }).fill('demo');
  await page.getByTestId('connect-submit').click();
  await expect(page.getByTestId('status-text')).toContainText('Connected to Asterisk');
  await expect(tile(page, '100')).toContainText('You');
}

async function openMenu(page: Page, exten: string): Promise<void> {
  await tile(page, exten).locator('[data-action="menu"]').click();
  await expect(page.locator(`[data-menu-for="${exten}@internal"]`)).toBeVisible();
}

test.describe('the receptionist settings in the profile editor', () => {
  test('listening in turned on in the editor: the tile’s Listen starts ChanSpy from my phone', async ({
    console: page,
    pbx,
  }) => {
    await createAndEdit(page, pbx);
    const listenIn = editor(page).getByLabel('Listening in, whispering and barging on calls');
    await expect(listenIn).not.toBeChecked();
    await listenIn.check();
    await saveAndConnect(page);

    await talking(page, pbx, CALLER, '105');
    await openMenu(page, '105');
    await menuItem(page, '105', 'listen').click();
    await expect(callCard(page, CALLER, '105').getByTestId('listening')).toContainText('You are listening');
    await expect
      .poll(() => received(pbx, 'Originate').map((action) => headers(action, 'Channel', 'Application')))
      .toEqual([{ Channel: 'PJSIP/100', Application: 'ChanSpy' }]);
    expect(received(pbx, 'Originate')[0]?.get('Data')).toMatch(/^PJSIP\/105-[0-9a-f]+,qES$/);
  });

  test('a voicemail number main refuses is explained beside its field; the one saved is what “Call voicemail” dials', async ({
    console: page,
    pbx,
  }) => {
    await createAndEdit(page, pbx);
    const pattern = editor(page).getByLabel('Voicemail number (${exten} stands for the extension, e.g. *${exten})');
    await expect(pattern).toHaveValue('*${exten}');
    await pattern.fill('vm-${exten}');
    await editor(page).getByTestId('profile-save').click();
    await expect(editor(page).locator('[data-field-error="voicemailPattern"]')).toHaveText(
      'The voicemail number must be ${exten} with digits, * or # around it, such as *${exten}.',
    );
    await expect(editor(page)).toBeVisible();

    await pattern.fill('8${exten}#');
    await saveAndConnect(page);
    await openMenu(page, '105');
    await menuItem(page, '105', 'voicemail').click();
    await expect
      .poll(() => received(pbx, 'Originate').map((action) => headers(action, 'Channel', 'Context', 'Exten')))
      .toEqual([{ Channel: 'PJSIP/100', Context: 'internal', Exten: '8105#' }]);
  });

  test('a queue wait threshold out of range is explained beside its field', async ({ console: page, pbx }) => {
    await createAndEdit(page, pbx);
    const threshold = editor(page).getByLabel('Seconds a queue caller waits');
    await expect(threshold).toHaveValue('60');
    await threshold.fill('2');
    await editor(page).getByTestId('profile-save').click();
    await expect(editor(page).locator('[data-field-error="queueWaitThresholdSeconds"]')).toHaveText(
      'The queue wait threshold must be at least 5 seconds.',
    );
  });
});
