import { refusal } from '../../src-shared/refusals';
import { inEnglish } from '../english-words';
import type { AmiMessage } from './message';

export type AmiActionErrorCode =
  'injection' | 'lineTooLong' | 'timeout' | 'notConnected' | 'notSent' | 'outcomeUnknown' | 'closed';

/** The one sentence for an action asked of a console that has no link to the PBX. */
export const NOT_CONNECTED_MESSAGE = inEnglish(refusal('notConnected', {}));

/** Why an action got no response. Every action ends with a response or one of these, never silence. */
export class AmiActionError extends Error {
  override readonly name = 'AmiActionError';

  constructor(
    readonly code: AmiActionErrorCode,
    readonly action: string,
    message: string,
    /** Items a list action had collected before its deadline passed. */
    readonly partialItems: AmiMessage[] = [],
  ) {
    super(message);
  }
}
