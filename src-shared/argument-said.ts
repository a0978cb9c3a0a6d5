import type { z } from 'zod';
import { refusal, type Refusal, type RefusalOf, type RefusalReason } from './refusals';

/**
 * zod's checks carry only a message string, so a schema that names a reason sends it, with its
 * values, inside the message (every check alike: a regex, a length, a refine); main reads it back
 * (`saidOf`) and the page words it. Nothing shows this text as it is.
 */
const MARK = 'said:';

/** A schema's message: `.max(80, argumentSaid('pauseReasonTooLong', { max: 80 }))`. */
export function argumentSaid<R extends RefusalReason>(reason: R, values: RefusalOf<R>['values']): string {
  return saidAsMessage(refusal(reason, values));
}

/** A refusal already made, as a schema's message (`ctx.addIssue({ code: 'custom', message: saidAsMessage(said) })`). */
export const saidAsMessage = (said: Refusal): string => MARK + JSON.stringify(said);

/** The reason a schema's message names, or nothing for one in plain words. */
function saidInMessage(message: string): Refusal | undefined {
  return message.startsWith(MARK) ? (JSON.parse(message.slice(MARK.length)) as Refusal) : undefined;
}

/**
 * zod's own checks (a value missing or of the wrong type, a choice not offered, a size out of
 * range) as codes: the error map the gatekeeper parses every argument with. A schema's own message
 * comes first, so this only words what the schemas leave to zod.
 */
export const codedByDefault: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return argumentSaid(issue.input === undefined ? 'argumentMissing' : 'argumentWrongType', {});
    case 'invalid_value':
      return argumentSaid('argumentNotChoice', {});
    case 'too_big':
      return argumentSaid('argumentTooBig', { max: Number(issue.maximum) });
    case 'too_small':
      return argumentSaid('argumentTooSmall', { min: Number(issue.minimum) });
    case 'unrecognized_keys':
      // saidOf codes it from the keys it names.
      return undefined;
    default:
      return argumentSaid('argumentInvalid', {});
  }
};

/** What a zod issue says as a code: a check's coded message, or settings a strict object does not know. */
export function saidOf(issue: z.core.$ZodIssue): Refusal | undefined {
  if (issue.code === 'unrecognized_keys') return refusal('unknownSettings', { names: issue.keys.join(', ') });
  return saidInMessage(issue.message);
}
