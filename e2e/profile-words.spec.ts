import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { LANGUAGE_NAMES } from '../src-shared/language';
import { WORDS } from '../src-renderer/i18n';
import { expect, test } from './fixtures';

/**
 * Issue 14: what main says about a profile's settings and its secret is worded on the login screen
 * in the operator's language, beside the field it is about. Screenshots go to docs/ to be looked at.
 */

const OS_LOCALE = { 'zh-CN': 'zh-CN', ko: 'ko-KR' } as const;

for (const language of ['zh-CN', 'ko'] as const) {
  const words = WORDS[language];
  const fill = (text: string, values: Readonly<Record<string, string>>) =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

  /** The editor of a new profile for the PBX, its name, server and user filled in, not yet saved. */
  async function newProfile(page: Page, pbx: { host: string; port: number }) {
    await page.getByTestId('new-profile').click();
    const editor = page.getByTestId('profile-editor');
    await editor.getByLabel(words.profile.displayName).fill('Front desk');
    await editor.getByLabel(words.profile.host).fill(pbx.host);
    await editor.getByLabel(words.profile.port).fill(String(pbx.port));
    await editor.getByLabel(words.profile.username).fill('demo');
    return editor;
  }

  test.describe(`${LANGUAGE_NAMES[language]} (${language})`, () => {
    test.use({ locale: OS_LOCALE[language], viewport: { width: 1366, height: 768 } });

    test('a recording file pattern with an unknown placeholder is refused beside its field, in this language', async ({
      console: page,
      pbx,
    }) => {
      const editor = await newProfile(page, pbx);
      await editor.getByLabel(words.profile.recordingPattern).fill('${date}-${agent}');
      await editor.getByTestId('profile-save').click();

      const problem = editor.locator('[data-field-error="recordingPattern"]');
      await expect(problem).toHaveText(
        fill(words.profileField.recordingUnknownPlaceholder, {
          placeholder: '${agent}',
          allowed: '${date}, ${time}, ${caller}, ${callee}, ${exten}, ${uniqueid}',
        }),
      );
      // The operator's text stays as typed, to be put right.
      await expect(editor.getByLabel(words.profile.recordingPattern)).toHaveValue('${date}-${agent}');
      mkdirSync('docs', { recursive: true });
      await problem.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `docs/profile-field-${language}.png` });
    });

    test('a plain secret too long for one AMI line is refused beside the secret field, in this language', async ({
      console: page,
      pbx,
    }) => {
      const editor = await newProfile(page, pbx);
      await editor.getByLabel(words.profile.authType).selectOption({ label: words.profile.authPlain });
      await editor.getByTestId('profile-save').click();
      await expect(editor).toBeHidden();

      await page.getByLabel(words.login.secretLabel, { exact: true }).fill('s'.repeat(1015));
      await page.getByTestId('connect-submit').click();
      await expect(page.getByTestId('connect-error')).toHaveText(
        fill(words.profileField.secretTooLongForPlain, { max: new Intl.NumberFormat(language).format(1014) }),
      );
      await expect(page.getByLabel(words.login.secretLabel, { exact: true })).toHaveAttribute('aria-invalid', 'true');
      expect(pbx.actionsReceived, 'nothing went to the PBX').toEqual([]);
      await page.screenshot({ path: `docs/secret-too-long-${language}.png` });
    });
  });
}
