import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { databasePath } from '../src-main/directory/database';
import { LANGUAGE_NAMES } from '../src-shared/language';
import { expect, test } from './fixtures';
import { callCard, connectAsOperator, notice, OPERATOR_WINDOW, tile } from './operator';

/**
 * Issue 14, point 1, for what main says of what it followed or found: a transfer the PBX's events
 * show failed, and a phonebook file it could not read and kept aside, in the operator's language;
 * and the rule the dial box says beside a number it will not send to main.
 */
const CALLER = '0301234567';

const SAID = {
  'zh-CN': {
    locale: 'zh-CN',
    hungUpWhileRinging: `101 仍在振铃时，${CALLER} 挂断了。`,
    dialRule: '请使用数字、* 和 #（或分机的字母），最多 64 个字符。',
    fileKept: /^无法读取通讯录和通话记录文件：它不是数据库。该文件已保留在 .+\.corrupt-.+，并已新建一个空文件。$/,
  },
  ko: {
    locale: 'ko-KR',
    hungUpWhileRinging: `101이(가) 울리는 동안 ${CALLER}이(가) 전화를 끊었습니다.`,
    dialRule: '숫자, * 및 #(또는 내선의 문자)를 최대 64자까지 사용하세요.',
    fileKept:
      /^전화번호부와 통화 기록 파일을 읽을 수 없습니다: 데이터베이스가 아닙니다\. 파일은 .+\.corrupt-.+에 보관했고 빈 파일을 새로 시작했습니다\.$/,
  },
} as const;

for (const language of ['zh-CN', 'ko'] as const) {
  const said = SAID[language];

  test.describe(`what main follows and finds, in ${LANGUAGE_NAMES[language]} (${language})`, () => {
    test.use({ locale: said.locale, viewport: { width: 1366, height: 768 } });

    test('a number the dial box cannot send is refused beside it in this language', async ({
      console: page,
      pbx,
      host,
    }) => {
      await connectAsOperator(page, host, pbx);
      const box = page.getByTestId('dial-box');
      await box.fill('10 1');
      await box.press('Enter');
      await expect(page.getByTestId('dial-box-error')).toHaveText(said.dialRule);
      await expect(box).toHaveAccessibleDescription(said.dialRule);
    });

    test('a caller hanging up while the transfer rings is said in this language', async ({
      console: page,
      pbx,
      host,
    }) => {
      await connectAsOperator(page, host, pbx);
      await pbx.placeCall(CALLER, '100');
      await expect(callCard(page, CALLER, '100')).toHaveAttribute('data-state', 'up');
      pbx.telephony.noAnswer.add('PJSIP/101');
      await callCard(page, CALLER, '100').dragTo(tile(page, '101'));
      const live = () => [...pbx.model.channels.values()].filter((channel) => !channel.hungUp);
      await expect
        .poll(() => live().some((channel) => channel.device === 'PJSIP/101' && channel.state === 'Ringing'))
        .toBe(true);

      pbx.telephony.hangup(live().find((channel) => channel.callerIdNum === CALLER)!);

      await expect(notice(page).locator('[data-tone="error"] .notice__text')).toHaveText(said.hungUpWhileRinging);
      mkdirSync('docs', { recursive: true });
      await page.screenshot({ path: `docs/transfer-failed-${language}.png` });
    });

    test('a phonebook file that could not be read is kept aside and said in this language', async ({
      console: page,
      pbx,
      host,
      userDataDir,
    }) => {
      await connectAsOperator(page, host, pbx);
      const { handlers } = host.services;
      await handlers['session:disconnect'](undefined, OPERATOR_WINDOW);
      const { profiles } = await handlers['profiles:list'](undefined, OPERATOR_WINDOW);
      const profileId = profiles.find((profile) => profile.id !== 'demo')!.id;
      await writeFile(databasePath(userDataDir, profileId), 'a shopping list, not a database\n'.repeat(100));
      await host.services.connect({ profileId, secret: 'demo' });
      await expect(page.getByTestId('status-bar')).toHaveClass(/status--connected/);

      await page.getByTestId('open-phonebook').click();
      const phonebook = page.getByTestId('phonebook');
      await expect(phonebook.getByRole('alert')).toHaveText(said.fileKept);
      await phonebook.screenshot({ path: `docs/phonebook-file-kept-${language}.png` });
    });
  });
}
