import { mkdirSync } from 'node:fs';
import { LANGUAGE_NAMES, type Language } from '../src-shared/language';
import { WORDS } from '../src-renderer/i18n';
import { expect, test } from './fixtures';
import { ProfileDraftSchema } from '../src-shared/profile';
import { callCard, connectAsOperator, notice, OPERATOR_WINDOW, talking, tile } from './operator';

/**
 * Issue 14, point 1: the console speaks English, Chinese and Korean. The OS's language (the browser
 * locale here) at first start, switched on the login screen, and per profile. Screenshots of the
 * login screen and a busy board in each go to docs/ to be looked at.
 */

const OS_LOCALE: Readonly<Record<Language, string>> = { en: 'en-GB', 'zh-CN': 'zh-CN', ko: 'ko-KR' };

for (const language of ['zh-CN', 'ko'] as const) {
  const words = WORDS[language];

  test.describe(`${LANGUAGE_NAMES[language]} (${language})`, () => {
    test.use({ locale: OS_LOCALE[language], viewport: { width: 1366, height: 768 } });

    test('at first start the login screen speaks the language of the operating system', async ({ console: page }) => {
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.login.heading);
      await expect(page.getByRole('button', { name: words.login.demoButton })).toBeVisible();
      await expect(page.getByTestId('login-language')).toHaveValue(language);
      mkdirSync('docs', { recursive: true });
      await page.screenshot({ path: `docs/login-${language}.png` });
    });

    test('a busy board in this language: lamps, calls, a recording and the parking lot', async ({
      console: page,
      pbx,
      host,
    }) => {
      await connectAsOperator(page, host, pbx);
      await talking(page, pbx, '+4930901820', '100');
      await talking(page, pbx, '101', '102');
      await callCard(page, '101', '102').locator('[data-action="record"]').click();
      await expect(callCard(page, '101', '102').locator('[data-recording]')).toContainText(
        words.calls.recording.recording,
      );
      await talking(page, pbx, '105', '106');
      pbx.telephony.park(
        pbx.model.channelsOnDevice('PJSIP/106')[0]!,
        pbx.model.channelsOnDevice('PJSIP/105')[0],
        120_000,
      );
      await expect(page.getByTestId('parking-lot')).toContainText(words.parking.heading);
      pbx.telephony.noAnswer.add('PJSIP/110');
      await pbx.placeCall('+4989123456', '110');
      await expect(tile(page, '110').locator('.tile-call')).toContainText(
        words.calls.ringingFrom.replace('{caller}', '+4989123456'),
      );
      await expect(tile(page, '103')).toContainText(words.lamp.idle);
      await expect(page.getByTestId('calls-panel')).toContainText(words.calls.state.up);
      await page.mouse.move(1, 1);
      await page.screenshot({ path: `docs/busy-board-${language}.png` });
    });

    test.describe('a manager user the PBX does not let place calls', () => {
      const write = ['system', 'call', 'reporting', 'agent', 'command'];
      test.use({
        pbxOptions: { answerDelayMs: 300, users: [{ username: 'demo', secret: 'demo', read: ['all'], write }] },
      });

      test('a call the PBX refuses (Permission denied) is said in this language', async ({
        console: page,
        pbx,
        host,
      }) => {
        await connectAsOperator(page, host, pbx);
        await page.getByTestId('dial-box').fill('105');
        await page.getByTestId('dial-box').press('Enter');
        await expect(notice(page)).toContainText(
          words.refusal.permissionDenied
            .replace('{intent}', words.refusal.intent.placeCalls)
            .replace('{grant}', 'originate'),
        );
        await expect(tile(page, '105')).toHaveAttribute('data-lamp', 'idle');
      });
    });

    test('the queues panel, the call history and the phonebook in this language (screenshots)', async ({
      console: page,
    }) => {
      await page.getByTestId('connect-demo').click();
      await expect(page.getByTestId('status-bar')).toHaveClass(/status--connected/);
      await expect(page.locator('[data-queue="operator"]')).toBeVisible();
      await expect(page.getByTestId('queues-panel')).toContainText(words.queues.heading);
      mkdirSync('docs', { recursive: true });
      await page.getByTestId('queues-panel').screenshot({ path: `docs/queues-${language}.png` });

      await page.getByTestId('history-open').click();
      await expect(page.getByTestId('history-panel')).toContainText(words.history.heading);
      await page.screenshot({ path: `docs/history-${language}.png` });
      await page.getByRole('button', { name: words.history.close }).click();

      await page.getByTestId('open-phonebook').click();
      await expect(page.getByTestId('phonebook')).toContainText(words.phonebook.heading);
      await page.screenshot({ path: `docs/phonebook-${language}.png` });
    });

    test("a wrong password: main's reason is said in this language", async ({ console: page, pbx, host }) => {
      const draft = ProfileDraftSchema.parse({
        displayName: 'Reception',
        host: pbx.host,
        port: pbx.port,
        username: 'demo',
      });
      const profile = await host.services.handlers['profiles:create'](draft, OPERATOR_WINDOW);
      await host.services.connect({ profileId: profile.id, secret: 'not-the-secret' });
      const where = `${pbx.host}:${pbx.port}`;
      const reason = words.failure.authFailed
        .replace('{where}', where)
        .replace('{detail}', words.failure.aside.replace('{text}', 'Authentication failed'));
      await expect(page.getByTestId('status-text')).toHaveText(
        words.status.failed.replace('{target}', where).replace('{reason}', reason),
      );
    });
  });
}

test.describe('choosing the language', () => {
  test.use({ locale: 'en-US' });

  test('the login screen switches at once and keeps the choice for the next start', async ({ console: page }) => {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in');
    await page.getByTestId('login-language').selectOption('ko');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(WORDS.ko.login.heading);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(WORDS.ko.login.heading);
    await page.getByTestId('login-language').selectOption('en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in');
  });

  test("a profile's own language is spoken while it is logged in, and the login screen's again after", async ({
    console: page,
    pbx,
  }) => {
    await page.getByTestId('new-profile').click();
    const editor = page.getByTestId('profile-editor');
    await editor.getByLabel('Profile name').fill('前台');
    await editor.getByLabel('Host').fill(pbx.host);
    await editor.getByLabel('Port').fill(String(pbx.port));
    await editor.getByLabel('AMI username').fill('demo');
    await editor.getByLabel('My device').fill('PJSIP/100');
    await editor.getByLabel('Language').selectOption('zh-CN');
    await editor.getByTestId('profile-save').click();
    await expect(editor).toBeHidden();
    await page.getByLabel('Secret', { exact: true }).fill('demo');
    await page.getByTestId('connect-submit').click();
    await expect(page.getByTestId('status-bar')).toHaveClass(/status--connected/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('status-bar').getByRole('button')).toHaveText(WORDS['zh-CN'].status.disconnect);
    await expect(page.getByTestId('calls-panel')).toContainText(WORDS['zh-CN'].calls.heading);
    await page.getByTestId('status-bar').getByRole('button').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in');
  });
});
