import { describe, expect, it } from 'vitest';
import { languageFor } from './language';

describe('the language the console starts in', () => {
  it('follows the first preference it speaks', () => {
    expect(languageFor(['ko-KR', 'en-US'])).toBe('ko');
    expect(languageFor(['de-AT', 'zh-Hans-CN', 'en'])).toBe('zh-CN');
    expect(languageFor(['zh_TW'])).toBe('zh-CN');
    expect(languageFor(['fr-FR', 'en-GB', 'ko'])).toBe('en');
  });

  it('falls back to English when it speaks none of them', () => {
    expect(languageFor(['de-DE', 'fr'])).toBe('en');
    expect(languageFor([])).toBe('en');
  });
});
