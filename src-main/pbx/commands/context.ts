import type { CommandErrorCode } from '../../../src-shared/error-codes';
import { NOT_CONNECTED_MESSAGE } from '../../ami/action-error';
import { isSuccessResponse, type AmiMessage } from '../../ami/message';
import type { ExtensionMatcher } from '../calls/device-match';
import type { PbxEvent } from '../calls/events';
import type { PbxModel } from '../calls/model';
import type { PbxDialect } from '../dialect';
import { permissionMessage } from '../permissions';
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
  readonly message: string;
}

export type CommandResult<T = undefined> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CommandError };

export const succeed = <T>(value: T): CommandResult<T> => ({ ok: true, value });
export const fail = (code: CommandErrorCode, message: string): { ok: false; error: CommandError } => ({
  ok: false,
  error: { code, message },
});

const GONE = /no such channel|does not exist|not exist|channel not found/i;

/** What the AMI client's rejections mean to an operator, by AmiActionError code. */
const LINK_FAILURES: Readonly<Record<string, { code: CommandErrorCode; message: string }>> = {
  notConnected: { code: 'notConnected', message: NOT_CONNECTED_MESSAGE },
  notSent: {
    code: 'notConnected',
    message: 'The connection to the PBX dropped before the request was sent. Try again once reconnected.',
  },
  closed: { code: 'notConnected', message: 'The connection to the PBX is closed. Reconnect, then try again.' },
  timeout: { code: 'timeout', message: 'The PBX did not answer in time. Check the call list before trying again.' },
  outcomeUnknown: {
    code: 'outcomeUnknown',
    message:
      'The connection dropped before the PBX answered, so it is not known whether it happened. Check the call list before trying again.',
  },
  injection: {
    code: 'invalidTarget',
    message: 'The request held a line break, so it was not sent. Check what you typed.',
  },
  lineTooLong: {
    code: 'invalidTarget',
    message: 'The request was too long for the PBX, so it was not sent. Use a shorter number or name.',
  },
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
  doing: string,
): Promise<CommandResult<AmiMessage>> {
  let response: AmiMessage;
  try {
    response = await ctx.ami.action(action, headers);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const known = LINK_FAILURES[code];
    if (known) return fail(known.code, known.message);
    return fail(
      'failed',
      `The request could not be sent to the PBX (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  if (isSuccessResponse(response)) return succeed(response);
  const said = responseMessage(response);
  if (/permission denied/i.test(said)) return fail('permissionDenied', permissionMessage(action));
  if (GONE.test(said)) return fail('callEnded', `The call ended before it could be ${doing}.`);
  return fail('refused', `The PBX refused: ${said || 'it gave no reason'}. Nothing was changed.`);
}
