import { createRequire } from 'node:module';
import type { KeytarApi } from '../src-main/profiles/vault';
import { startSimulatedPbx } from '../src-main/sim';
import { E2E_VAULT_SERVICE, createProfile, expect, keychainSecretOf, test } from './fixtures';

const keytar = createRequire(import.meta.url)('keytar') as KeytarApi;

test.describe('hardening', () => {
  test('a plain-login secret too long for one AMI line is refused in words, and nothing is sent', async ({
    console: page,
    pbx,
  }) => {
    await page.getByTestId('new-profile').click();
    const editor = page.getByTestId('profile-editor');
    await editor.getByLabel('Profile name').fill('Front desk');
    await editor.getByLabel('Host').fill(pbx.host);
    await editor.getByLabel('Port').fill(String(pbx.port));
    await editor.getByLabel('AMI username').fill('demo');
    await editor.getByLabel('Login method').selectOption('plain');
    await editor.getByTestId('profile-save').click();
    await expect(editor).toBeHidden();

    await page.getByLabel('Secret', { exact: true }).fill('x'.repeat(1015));
    await page.getByTestId('connect-submit').click();
    await expect(page.getByTestId('connect-error')).toHaveText(
      'The PBX reads at most 1,014 bytes of a secret sent with the plain login method, and this one is longer. Use a shorter secret, or the MD5 login method.',
    );
    await expect(page.getByLabel('Secret', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('status-text')).toHaveText('Not connected');
    expect(pbx.actionsReceived.map((received) => received.action.get('Action'))).not.toContain('Login');
  });

  test('the page refuses a profiles file too large to be an export before reading it', async ({ console: page }) => {
    await page.getByTestId('import-profiles').setInputFiles({
      name: 'huge.json',
      mimeType: 'application/json',
      buffer: Buffer.alloc(600 * 1024, ' '),
    });
    await expect(page.getByTestId('profile-feedback')).toHaveText(
      '“huge.json” was not imported: it is larger than 512 KiB, too large to be a Switchboard profiles export.',
    );
    await expect(page.getByTestId('profile-item')).toHaveCount(1);
  });

  test('a 2 MiB message closes only its own bridge connection, as too big; the console is still served', async ({
    console: page,
  }) => {
    const closeCode = await page.evaluate(async () => {
      const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
      const socket = new WebSocket(`ws://${location.host}/contract?token=${encodeURIComponent(token)}`);
      await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
      const closed = new Promise<number>((resolve) => socket.addEventListener('close', (event) => resolve(event.code)));
      socket.send('x'.repeat(2 * 1024 * 1024));
      return closed;
    });
    expect(closeCode).toBe(1009);
    await page.reload();
    await page.getByTestId('connect-demo').click();
    await expect(page.getByTestId('status-text')).toContainText('Connected to Asterisk');
  });

  test('pointing a profile at another server forgets its saved secret, and says so before saving', async ({
    console: page,
    pbx,
  }) => {
    const reachable = await keytar.getPassword(E2E_VAULT_SERVICE, 'probe').then(
      () => true,
      () => false,
    );
    test.skip(!reachable, 'SKIPPED: no Secret Service; run with scripts/with-keyring.sh npx playwright test');
    const other = await startSimulatedPbx({ port: 0 });
    try {
      await createProfile(page, pbx);
      const id = await page
        .locator('[data-testid="profile-item"][aria-pressed="true"]')
        .getAttribute('data-profile-id');
      await page.getByLabel('Secret', { exact: true }).fill('demo');
      await page.getByLabel('Remember my secret on this computer').check();
      await page.getByTestId('connect-submit').click();
      await expect(page.getByTestId('status-text')).toContainText('Connected to Asterisk');
      await expect.poll(() => keychainSecretOf(keytar, id ?? '')).toBe('demo');
      await page.getByRole('button', { name: 'Log out' }).click();
      await expect(page.getByTestId('secret-saved')).toBeVisible();

      await page.getByTestId('edit-profile').click();
      const editor = page.getByTestId('profile-editor');
      await editor.getByLabel('Profile name').fill('Front desk (day)');
      await expect(editor.getByTestId('secret-will-be-forgotten')).toHaveCount(0);
      await editor.getByLabel('Port').fill(String(other.port));
      await expect(editor.getByTestId('secret-will-be-forgotten')).toHaveText(
        'Saving this forgets the secret saved for this profile: it belongs to the server and login method it was saved for. You will type it again to connect.',
      );
      await editor.getByTestId('profile-save').click();
      await expect(editor).toBeHidden();
      await expect(page.getByTestId('secret-saved')).toHaveCount(0);
      await expect.poll(() => keytar.getPassword(E2E_VAULT_SERVICE, id ?? '')).toBeNull();

      await page.getByTestId('connect-submit').click({ noWaitAfter: true });
      await expect(page.getByLabel('Secret', { exact: true })).toHaveJSProperty('validity.valueMissing', true);
      await expect(page.getByTestId('status-text')).toHaveText('Not connected');
      expect(other.actionsReceived).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
