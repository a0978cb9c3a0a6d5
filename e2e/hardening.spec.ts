import { expect, test } from './fixtures';

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
      'The PBX reads at most 1014 bytes of a secret sent with the plain login method, and this one is longer. Use a shorter secret, or the MD5 login method.',
    );
    await expect(page.getByLabel('Secret', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('status-text')).toHaveText('Not connected');
    expect(pbx.actionsReceived.map((received) => received.action.get('Action'))).not.toContain('Login');
  });
});
