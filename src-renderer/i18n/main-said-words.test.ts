import { afterEach, describe, expect, it } from 'vitest';
import { FALLBACK_LANGUAGE } from '../../src-shared/language';
import { refusal } from '../../src-shared/refusals';
import { i18n } from '.';
import { saidWords } from './main-words';

afterEach(() => {
  i18n.global.locale.value = FALLBACK_LANGUAGE;
});

describe('what main said, in the language the page speaks', () => {
  const returned = refusal('ringingBackAtYou', { target: '101', how: 'busy', moved: 'caller' });

  it('words how a transfer failed, a caller the PBX gave no number for, and a named person as the board names them', () => {
    expect(saidWords(returned)).toBe('101 was busy; the caller is ringing back at your phone.');
    i18n.global.locale.value = 'zh-CN';
    expect(saidWords(returned)).toBe('101占线；来电方 正在回拨到您的电话。');
    i18n.global.locale.value = 'ko';
    expect(saidWords(refusal('hungUpBeforeTransfer', { moved: { shown: '105 Emma Fischer' } }))).toBe(
      '돌려주기가 되지 않았습니다: 105 Emma Fischer이(가) 먼저 전화를 끊었습니다.',
    );
  });

  it('words the phonebook file that was kept aside, with where it was kept', () => {
    const said = refusal('fileNotDatabase', { backupPath: '/home/op/directory/office.sqlite.corrupt' });
    i18n.global.locale.value = 'zh-CN';
    expect(saidWords(said)).toBe(
      '无法读取通讯录和通话记录文件：它不是数据库。该文件已保留在 /home/op/directory/office.sqlite.corrupt，并已新建一个空文件。',
    );
  });
});
