import type { z } from 'zod';
import { refusal, type Refusal, type RefusalOf, type RefusalReason } from './refusals';

/**
 * zod's checks carry only a message string, so a schema that names a reason sends it, with its
 * values, inside the message; main's gatekeeper reads it back (`saidInMessage`) and the page words
 * it. Nothing shows this text as it is.
 */
const MARK = 'said:';

/** A schema's message: `.max(80, argumentSaid('pauseReasonTooLong', { max: 80 }))`. */
export function argumentSaid<R extends RefusalReason>(reason: R, values: RefusalOf<R>['values']): string {
  return MARK + JSON.stringify(refusal(reason, values));
}

/** The reason a schema's message names, or nothing for one in plain words. */
export function saidInMessage(message: string): Refusal | undefined {
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
