import { createI18n } from 'vue-i18n';
import { FALLBACK_LANGUAGE, type Language } from '../../src-shared/language';
import en from './en.json' with { type: 'json' };
import ko from './ko.json' with { type: 'json' };
import type { Words } from './words';
import zhCN from './zh-CN.json' with { type: 'json' };

// Every word on screen lives in en.json; zh-CN.json and ko.json follow the same keys. The type
// checker refuses a language missing an English key; scripts/i18n-keys.test.ts refuses extra keys
// and differing placeholders.
export const WORDS: Readonly<Record<Language, Words>> = { en, 'zh-CN': zhCN, ko };

export const i18n = createI18n({
  legacy: false,
  locale: FALLBACK_LANGUAGE,
  fallbackLocale: FALLBACK_LANGUAGE,
  messages: WORDS,
});
