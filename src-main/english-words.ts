import type { z } from 'zod';
import en from '../src-renderer/i18n/en.json' with { type: 'json' };
import { refusalWords, type Refusal, type Translate } from '../src-shared/refusals';
import { saidOf } from '../src-shared/argument-said';

/** English, the page's own words, for main's log and for what main hands on in English. */
const english: Translate = (key, values = {}) => {
  let node: unknown = en;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`No English words for ${key}`);
  return node.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
};

export const inEnglish = (said: Refusal): string => refusalWords(said, english, 'en');

/** A zod failure as one or more English sentences: coded checks in their words, type errors in the schema's. */
export function describeIssues(error: z.ZodError): string {
  const sentences = error.issues.map((issue) => {
    const said = saidOf(issue);
    return said ? inEnglish(said) : issue.message;
  });
  return [...new Set(sentences)].join(' ');
}
