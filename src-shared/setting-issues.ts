import type { z } from 'zod';
import { refusal, type Refusal, type RefusalOf, type RefusalReason } from './refusals';

/**
 * A check's refusal as a code, carried on the zod issue it raises (`refine(check, coded(...))`):
 * main sends it on for the page to word and writes its log in English from it.
 */
export function coded<R extends RefusalReason>(reason: R, values: RefusalOf<R>['values']) {
  return saying(refusal(reason, values));
}

/** A refusal already made, carried on a zod issue as coded() carries one. */
export const saying = (said: Refusal) => ({ params: { said } });

/** What a zod issue says as a code: a check's coded refusal, or settings a strict object does not know. */
export function saidOf(issue: z.core.$ZodIssue): Refusal | undefined {
  if (issue.code === 'unrecognized_keys') return refusal('unknownSettings', { names: issue.keys.join(', ') });
  if (issue.code !== 'custom') return undefined;
  // Only coded() and saying() put `said` on an issue.
  return issue.params?.['said'] as Refusal | undefined;
}
