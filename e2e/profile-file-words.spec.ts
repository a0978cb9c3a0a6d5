import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROFILES_FILE_NAME } from '../src-main/profiles/profiles-file';
import { LANGUAGE_NAMES } from '../src-shared/language';
import { expect, test } from './fixtures';

/**
 * Issue 14, point 1, for what main says of the profiles file: a file it could not use, kept aside
 * and said on the login screen in the operator's language (main sends a code, not the JSON parser's English).
 */
const SAID = {
  'zh-CN': {
    locale: 'zh-CN',
    kept: /^你的配置文件无法按原样使用。已在 .+\.corrupt-.+ 保留一份副本，Switchboard 以无已保存配置文件的状态启动。 它不是有效的 JSON。$/,
  },
  ko: {
    locale: 'ko-KR',
    kept: /^프로필 파일을 그대로 사용할 수 없었습니다\. 사본을 .+\.corrupt-.+에 보관했고, Switchboard는 저장된 프로필 없이 시작했습니다\. 올바른 JSON이 아닙니다\.$/,
  },
} as const;

for (const language of ['zh-CN', 'ko'] as const) {
  const said = SAID[language];

  test.describe(`the profiles file, in ${LANGUAGE_NAMES[language]} (${language})`, () => {
    test.use({ locale: said.locale });

    test('a profiles file that is not JSON is kept aside and said in this language', async ({
      console: page,
      userDataDir,
    }) => {
      await expect(page.getByTestId('profile-item').first()).toBeVisible();
      // Hand-edited and cut short: the login screen's next look at the profiles finds it.
      await writeFile(join(userDataDir, PROFILES_FILE_NAME), '{"schemaVersion": 2, "profiles": [\n');
      await page.reload();
      await expect(page.getByTestId('profile-notice')).toHaveText(said.kept);
    });
  });
}
