import { mkdirSync } from 'node:fs';
import { LANGUAGE_NAMES } from '../src-shared/language';
import { expect, test } from './fixtures';
import { connectAsOperator } from './operator';

/**
 * Issue 14, point 1, for what main says about the phonebook: the rows an import left out, a file
 * it cannot read, and the PBX's own source, in the operator's language.
 */
const SAID = {
  'zh-CN': {
    locale: 'zh-CN',
    skipped: ['第 3 行：该行没有姓名。', '第 5 行：“call me later”不是电话号码。'],
    unreadable: '无法按 CSV 读取此文件：从第 2 行开始的带引号字段没有结束。未导入任何内容。',
    pbxSource: 'PBX',
  },
  ko: {
    locale: 'ko-KR',
    skipped: ['3번째 줄: 이름이 없습니다.', '5번째 줄: “call me later”은(는) 전화번호가 아닙니다.'],
    unreadable:
      '파일을 CSV로 읽을 수 없습니다: 2번째 줄에서 시작한 따옴표 필드가 끝나지 않습니다. 아무것도 가져오지 않았습니다.',
    pbxSource: 'PBX',
  },
} as const;

const PARTNERS = [
  'Full name;Firma;Telefon',
  'Łukasz Wróbel;Wróbel Logistics;+48 22 555 0143',
  ';Nobody Ltd;+1 202 555 0100',
  '王小明;北京贸易;+86 10 5555 0146',
  'Kim Min-jun;Hanbit;call me later',
].join('\n');

for (const language of ['zh-CN', 'ko'] as const) {
  const said = SAID[language];

  test.describe(`the phonebook's imports in ${LANGUAGE_NAMES[language]} (${language})`, () => {
    test.use({ locale: said.locale, viewport: { width: 1366, height: 768 } });

    test('a CSV import says each row it left out, and why, in this language', async ({ console: page, pbx, host }) => {
      await connectAsOperator(page, host, pbx);
      await page.getByTestId('open-phonebook').click();
      const phonebook = page.getByTestId('phonebook');
      await expect(phonebook.getByTestId('phonebook-source').first().locator('th')).toHaveText(said.pbxSource);
      await phonebook
        .getByTestId('csv-file')
        .setInputFiles({ name: 'partners.csv', mimeType: 'text/csv', buffer: Buffer.from(PARTNERS) });
      await phonebook.getByTestId('csv-import-button').click();
      const report = phonebook.getByTestId('import-report');
      await expect(report.getByTestId('skipped-row')).toHaveText([...said.skipped]);
      mkdirSync('docs', { recursive: true });
      await phonebook.screenshot({ path: `docs/import-report-${language}.png` });
    });

    test('a file that cannot be read is refused in this language', async ({ console: page, pbx, host }) => {
      await connectAsOperator(page, host, pbx);
      await page.getByTestId('open-phonebook').click();
      const phonebook = page.getByTestId('phonebook');
      await phonebook.getByTestId('csv-file').setInputFiles({
        name: 'broken.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('Full name;Telefon\n"Never closed;+48 22 555 0143\n'),
      });
      await expect(phonebook.getByTestId('phonebook-refusal')).toHaveText(said.unreadable);
    });
  });
}
