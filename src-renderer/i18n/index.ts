import { createI18n } from 'vue-i18n';
import { FALLBACK_LANGUAGE, type Language } from '../../src-shared/language';
import { en } from './en';
import { ko } from './ko';
import type { Words } from './words';
import { zhCN } from './zh-CN';

export const WORDS: Readonly<Record<Language, Words>> = { en, 'zh-CN': zhCN, ko };

export const i18n = createI18n({
  legacy: false,
  locale: FALLBACK_LANGUAGE,
  fallbackLocale: FALLBACK_LANGUAGE,
  messages: WORDS,
});
