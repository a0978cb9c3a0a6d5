import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { KeytarApi } from '../src-main/profiles/vault';
import { E2E_VAULT_SERVICE, createProfile, expect, keychainSecretOf, test } from './fixtures';

const SECRET = `e2e-${Math.random().toString(36).slice(2, 12)}`;
const keytar = createRequire(import.meta.url)('keytar') as KeytarApi;

/** Whether a Secret Service answers here (it does under scripts/with-keyring.sh). */
async function keychainReachable(): Promise<boolean> {
  try {
    await keytar.getPassword(E2E_VAULT_SERVICE, 'probe');
    return true;
  } catch {
    return false;
  }
}

const selectedProfile = (page: Page) => page.locator('[data-testid="profile-item"][aria-pressed="true"]');
const selectedProfileId = (page: Page) => selectedProfile(page).getAttribute('data-profile-id');

test.use({
  pbxOptions: { answerDelayMs: 300, users: [{ username: 'reception', secret: SECRET, read: ['all'], write: ['all'] }] },
});

test.describe('login profiles and the keychain', () => {
  test('create a profile, save the secret, log out, log in without typing it, delete it: the keychain entry is gone', async ({
    console: page,
    pbx,
    mainLog,
  }) => {
    const reachable = await keychainReachable();
    test.skip(
      !reachable,
      'SKIPPED: no Secret Service is reachable; run with scripts/with-keyring.sh npx playwright test e2e/profiles.spec.ts',
    );

    await createProfile(page, pbx, { displayName: 'Front desk', username: 'reception' });
    const id = await selectedProfileId(page);
    if (!id) throw new Error('the new profile is not selected');
    await page.getByLabel('Secret', { exact: true }).fill(SECRET);
    await page.getByLabel('Remember my secret on this computer').check();
    await page.getByTestId('connect-submit').click();
    await expect(page.getByTestId('status-text')).toContainText('Connected to Asterisk');
    // Main stores the typed secret before it announces "Connected" (services.login.test.ts proves the
    // order); the keychain is another process, so its answer is awaited rather than read once.
    await expect.poll(() => keychainSecretOf(keytar, id)).toBe(SECRET);

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByTestId('status-text')).toHaveText('Not connected');
    await expect(selectedProfile(page), 'the last used profile is preselected').toHaveAttribute('data-profile-id', id);
    await expect(page.getByTestId('secret-saved')).toBeVisible();
    await expect(page.getByLabel('Secret', { exact: true })).toHaveValue('');
    await page.getByTestId('connect-submit').click();
    await expect(page.getByTestId('status-text')).toContainText('Connected to Asterisk');
    await expect(page.locator('[data-extension]').first()).toBeVisible();

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByTestId('delete-profile').click();
    await page.getByTestId('confirm-delete').click();
    await expect(page.locator(`[data-profile-id="${id}"]`)).toHaveCount(0);
    expect(await keytar.getPassword(E2E_VAULT_SERVICE, id)).toBeNull();

    expect(await page.content()).not.toContain(SECRET);
    expect(mainLog.join('\n')).not.toContain(SECRET);
  });

  test('asks for the secret next to the secret field when none is saved, and says when it is wrong', async ({
    console: page,
    pbx,
  }) => {
    await createProfile(page, pbx, { displayName: 'Night shift', username: 'reception' });
    await page.getByTestId('connect-submit').click({ noWaitAfter: true });
    // The field is required while no secret is saved: the browser asks first; main would say the same.
    await expect(page.getByLabel('Secret', { exact: true })).toHaveJSProperty('validity.valueMissing', true);

    await page.getByLabel('Secret', { exact: true }).fill(`${SECRET}-typo`);
    await page.getByTestId('connect-submit').click();
    await expect(page.getByTestId('connect-error')).toContainText(/secret|password|authentication/i);
    await expect(page.getByTestId('secret-saved')).toHaveCount(0);
  });

  test('exports profiles to a file without secrets and imports them back', async ({ console: page, pbx }) => {
    await createProfile(page, pbx, { displayName: 'Front desk', username: 'reception' });
    await page.getByLabel('Secret', { exact: true }).fill(SECRET);
    await page.getByTestId('duplicate-profile').click();
    await expect(page.getByTestId('profile-item')).toHaveText(['Demo PBX', 'Front desk', 'Front desk (copy)']);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-profiles').click()]);
    const exported = await readFile(await download.path(), 'utf8');
    expect(JSON.parse(exported)).toMatchObject({
      format: 'switchboard-profiles',
      profiles: [{ displayName: 'Front desk' }, { displayName: 'Front desk (copy)' }],
    });
    expect(exported).not.toContain(SECRET);

    await page
      .getByTestId('import-profiles')
      .setInputFiles({ name: 'desks.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await expect(page.getByTestId('profile-feedback')).toContainText('Imported 2 profile(s).');
    await expect(page.getByTestId('profile-item')).toHaveCount(5);

    await page
      .getByTestId('import-profiles')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect(page.getByTestId('profile-feedback')).toContainText('That file is not valid JSON');
  });
});
