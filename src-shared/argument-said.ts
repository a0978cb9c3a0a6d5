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
