import type { IpcError } from '../../src-preload/contract';
import { refusalWords } from '../../src-shared/refusals';
import { i18n } from '.';

const { t, locale } = i18n.global;

/** What main said, in the language the page speaks; main's English where it sent no refusal. */
export function mainWords(said: Pick<IpcError, 'message' | 'refusal'>): string {
  return said.refusal ? refusalWords(said.refusal, (key, values) => t(key, values ?? {}), locale.value) : said.message;
}
