/** The languages the console speaks; English is the fallback for anything missing. */
export const LANGUAGES = ['en', 'zh-CN', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];
export const FALLBACK_LANGUAGE: Language = 'en';

/** Each language as its own speakers write its name, for the pickers. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  'zh-CN': '简体中文',
  ko: '한국어',
};

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/**
 * The console's language for an OS or browser preference list, best first ("zh-Hans-CN", "ko-KR",
 * "de-AT"): the first one it speaks, any Chinese as simplified Chinese, else English.
 */
export function languageFor(preferences: readonly string[]): Language {
  for (const preference of preferences) {
    const primary = preference.toLowerCase().split(/[-_]/)[0];
    if (primary === 'en') return 'en';
    if (primary === 'zh') return 'zh-CN';
    if (primary === 'ko') return 'ko';
  }
  return FALLBACK_LANGUAGE;
}
