import { ref } from 'vue';
import { isLanguage, languageFor, type Language } from '../../src-shared/language';
import type { BoardPrefs } from '../../src-shared/profile';
import { i18n } from '.';

const STORAGE_KEY = 'switchboard.language';

function stored(): Language | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The login screen's language: the operator's choice on this computer, else the OS's (first start). */
export const chosenLanguage = ref<Language>(
  stored() ?? languageFor(typeof navigator === 'undefined' ? [] : navigator.languages),
);

function speak(language: Language): void {
  i18n.global.locale.value = language;
  // The stores' tests run in Node, where there is no document.
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/** The language picked on the login screen: spoken now, and again at the next start. */
export function chooseLanguage(language: Language): void {
  chosenLanguage.value = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // A page without storage still switches; it just starts in the OS's language next time.
  }
  speak(language);
}

/** While a profile is logged in its own language wins; 'auto' (or no profile) speaks the login screen's. */
export function speakFor(choice: BoardPrefs['language'] | undefined): void {
  speak(choice === undefined || choice === 'auto' ? chosenLanguage.value : choice);
}
