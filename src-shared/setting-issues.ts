import { argumentSaid } from './argument-said';
import type { RefusalOf, RefusalReason } from './refusals';

/**
 * A check's refusal as a code, carried in the message of the zod issue it raises
 * (`refine(check, coded(...))`), as argumentSaid carries a regex's or a length's: main sends it on
 * for the page to word and writes its log in English from it (`saidOf`).
 */
export function coded<R extends RefusalReason>(reason: R, values: RefusalOf<R>['values']) {
  return { error: argumentSaid(reason, values) };
}
