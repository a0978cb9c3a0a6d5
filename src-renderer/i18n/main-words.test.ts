import { afterEach, describe, expect, it } from 'vitest';
import { FALLBACK_LANGUAGE } from '../../src-shared/language';
import { ProfileChangesSchema } from '../../src-shared/profile';
import { refusal } from '../../src-shared/refusals';
import { saidOf } from '../../src-shared/argument-said';
import { i18n } from '.';
import { fieldWords, mainWords, noticeWords } from './main-words';

const speak = (language: 'en' | 'zh-CN' | 'ko') => (i18n.global.locale.value = language);
afterEach(() => speak(FALLBACK_LANGUAGE));

/** A setting refused by the profile schema itself, as main files it. */
function refused(changes: unknown) {
  const issue = ProfileChangesSchema.safeParse(changes).error?.issues[0];
  const said = issue && saidOf(issue);
  if (!said) throw new Error('expected a coded refusal');
  return said;
}

describe("main's refusals of a profile's settings, in the operator's language", () => {
  const pattern = refused({ recordingPattern: '${date}-${agent}' });

  it('words a refused setting beside its field in Chinese and Korean, naming what was wrong', () => {
    speak('zh-CN');
    const chinese = fieldWords({
      fields: { recordingPattern: 'English' },
      fieldRefusals: { recordingPattern: pattern },
    });
    expect(chinese.recordingPattern).toMatch(/^录音文件名模式使用了未知的占位符 \$\{agent\}；可用的有 \$\{date\}, /);
    speak('ko');
    const korean = fieldWords({
      fields: { recordingPattern: 'English' },
      fieldRefusals: { recordingPattern: pattern },
    });
    expect(korean.recordingPattern).toMatch(/^녹음 파일 이름 형식에 알 수 없는 자리 표시자 \$\{agent\}/);
  });

  it("names the setting from the language's own words", () => {
    speak('ko');
    expect(mainWords({ message: 'English', refusal: refused({ host: ' pbx' }) })).toBe(
      '호스트은(는) 공백으로 시작하거나 끝날 수 없습니다.',
    );
    speak('zh-CN');
    expect(mainWords({ message: 'English', refusal: refused({ host: ' pbx' }) })).toBe('主机的开头和结尾不能有空格。');
  });

  it("keeps main's English for a setting it sent no code for", () => {
    speak('zh-CN');
    expect(fieldWords({ fields: { tileSize: "Tile size must be 'compact'." }, fieldRefusals: {} })).toEqual({
      tileSize: "Tile size must be 'compact'.",
    });
  });

  it('says a plain secret too long for one AMI line in numbers as the language writes them', () => {
    speak('en');
    expect(mainWords({ message: '', refusal: refusal('secretTooLongForPlain', { max: 1014 }) })).toMatch(
      /^The PBX reads at most 1,014 bytes of a secret sent with the plain login method/,
    );
  });
});

describe("main's launch notices and the profile schema's own checks, once English, in the operator's language", () => {
  it('says the --profile notice and the admin file notice in Chinese and Korean', () => {
    const notFound = { kind: 'launchProfile', said: refusal('launchProfileNotFound', { name: 'Night' }) } as const;
    speak('zh-CN');
    expect(noticeWords(notFound)).toBe('没有名为“Night”的配置。请在登录界面中选择一个。');
    speak('ko');
    expect(noticeWords(notFound)).toBe('"Night"(이)라는 프로필이 없습니다. 로그인 화면에서 프로필을 고르세요.');
    const machine = {
      kind: 'machineProfiles',
      said: refusal('machineProfilesNoneAdded', { path: '/etc/switchboard/profiles.json' }),
      problems: [refusal('profileNumberRefused', { position: 2, why: refusal('notAProfile', {}) })],
    } as const;
    expect(noticeWords(machine)).toMatch(
      /^관리자의 프로필 파일\(\/etc\/switchboard\/profiles\.json\).* 2번째 프로필: /,
    );
  });

  it('words a tile size the schema refuses, which main once sent in English', () => {
    speak('zh-CN');
    expect(mainWords({ message: 'English', refusal: refused({ board: { tileSize: 'huge' } }) })).toBe(
      "磁贴大小必须是以下之一：'compact', 'normal', 'large'。",
    );
  });
});
