import type { IpcError, ProfileNotice } from '../../src-preload/contract';
import type { DirectorySource } from '../../src-shared/directory-results';
import { refusalWords, type Refusal } from '../../src-shared/refusals';
import { i18n } from '.';

const { t, locale } = i18n.global;

/** A reason main sent (a refusal, a row an import left out), in the language the page speaks. */
export const saidWords = (said: Refusal): string =>
  refusalWords(said, (key, values) => t(key, values ?? {}), locale.value);

/** What main said, in the language the page speaks; main's English where it sent no refusal. */
export function mainWords(said: Pick<IpcError, 'message' | 'refusal'>): string {
  return said.refusal ? saidWords(said.refusal) : said.message;
}

/** What is wrong with each setting main refused, in the language the page speaks where main sent a code. */
export function fieldWords(
  said: Required<Pick<IpcError, 'fields' | 'fieldRefusals'>>,
): Readonly<Record<string, string>> {
  return Object.fromEntries(
    Object.entries(said.fields).map(([field, english]) => {
      const coded = said.fieldRefusals[field];
      return [field, coded ? saidWords(coded) : english];
    }),
  );
}

/** A notice about the profiles files or the `--profile` option, in the language the page speaks. */
export function noticeWords(notice: ProfileNotice): string {
  const problems = 'problems' in notice ? notice.problems : [];
  return [notice.said, ...problems].map(saidWords).join(' ');
}

/** A phonebook source as the operator knows it: main names files and servers; the PBX's users are worded here. */
export const sourceName = (source: Pick<DirectorySource, 'kind' | 'label'>): string =>
  source.kind === 'pbx' ? t('directorySource.pbx') : source.label;
