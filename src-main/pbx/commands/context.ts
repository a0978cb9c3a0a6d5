import type { CommandErrorCode } from '../../../src-shared/error-codes';
import { refusal, type CallEndedDoing, type Refusal } from '../../../src-shared/refusals';
import { inEnglish } from '../../english-words';
import { isSuccessResponse, type AmiMessage } from '../../ami/message';
import type { ExtensionMatcher } from '../calls/device-match';
import type { PbxEvent } from '../calls/events';
import type { PbxModel } from '../calls/model';
import type { PbxDialect } from '../dialect';
import { permissionRefusal } from '../permissions';
import { responseMessage, type AmiRequester } from '../requester';

/** The operator's settings the commands use (from the login profile). */
export interface OperatorProfile {
  /** The operator's own phone, e.g. `PJSIP/200`. */
  readonly myDevice: string;
  /** Where dialled numbers, transfers and parking spaces are run, e.g. `internal`. */
  readonly dialContext: string;
  readonly parkingLot: string;
  /** Recording file name, e.g. `${date}-${caller}-${exten}`. */
  readonly recordingPattern: string;
  /** `"Reception" <200>`, shown on the phone being called. */
  readonly callerId?: string;
}

export interface CommandContext {
  readonly ami: AmiRequester;
  readonly dialect: PbxDialect;
  readonly profile: OperatorProfile;
  /** The current call model and extension matcher (read at the moment the command runs). */
  model(): PbxModel;
  matcher(): ExtensionMatcher;
  now(): number;
  /** Applies an event the PBX will never send (recording state where Asterisk has no such event). */
  assume(event: PbxEvent): void;
}

export interface CommandError {
  readonly code: CommandErrorCode;
  /** What the page words in the operator's language. */
  readonly refusal: Refusal;
  /** The same in English, for the log. */
  readonly message: string;
}

export type CommandResult<T = undefined> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CommandError };

export const succeed = <T>(value: T): CommandResult<T> => ({ ok: true, value });
export const fail = (code: CommandErrorCode, said: Refusal): { ok: false; error: CommandError } => ({
  ok: false,
  error: { code, refusal: said, message: inEnglish(said) },
});

const GONE = /no such channel|does not exist|not exist|channel not found/i;

/** What the AMI client's rejections mean to an operator, by AmiActionError code. */
const LINK_FAILURES: Readonly<Record<string, { code: CommandErrorCode; refusal: Refusal }>> = {
  notConnected: { code: 'notConnected', refusal: refusal('notConnected', {}) },
  notSent: { code: 'notConnected', refusal: refusal('droppedBeforeSent', {}) },
  closed: { code: 'notConnected', refusal: refusal('connectionClosed', {}) },
  timeout: { code: 'timeout', refusal: refusal('noAnswerInTime', {}) },
  outcomeUnknown: { code: 'outcomeUnknown', refusal: refusal('outcomeUnknown', {}) },
  injection: { code: 'invalidTarget', refusal: refusal('lineBreak', {}) },
  lineTooLong: { code: 'invalidTarget', refusal: refusal('tooLong', {}) },
};

/** Hangup cause 16: a person ended the call. */
export const NORMAL_CLEARING = 16;

/**
 * Sends one action and judges its acknowledgement: a Success response passes; an Error response or a
 * client rejection becomes an error in plain words. `doing` completes "The call ended before it could be …".
 */
export async function runAction(
  ctx: Pick<CommandContext, 'ami'>,
  action: string,
  headers: Record<string, string | number | readonly string[]>,
  doing: CallEndedDoing,
): Promise<CommandResult<AmiMessage>> {
  let response: AmiMessage;
  try {
    response = await ctx.ami.action(action, headers);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const known = LINK_FAILURES[code];
    if (known) return fail(known.code, known.refusal);
    // Not one of the client's own rejections: a fault, whose English stays in main's log.
    const said = refusal('notSendable', {});
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'failed', refusal: said, message: `${inEnglish(said)} (${detail})` } };
  }
  if (isSuccessResponse(response)) return succeed(response);
  const said = responseMessage(response);
  if (/permission denied/i.test(said)) return fail('permissionDenied', permissionRefusal(action));
  if (GONE.test(said)) return fail('callEnded', refusal('callEndedBefore', { doing }));
  return fail('refused', said ? refusal('pbxRefused', { said }) : refusal('pbxRefusedSilently', {}));
}
