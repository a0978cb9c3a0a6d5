import type { AmiFailureCode, SessionFailure } from '../../src-shared/error-codes';

/** Why the link is down. `message` is in plain words and never holds the secret. */
export type AmiFailure = SessionFailure<AmiFailureCode>;

/** Retrying these only repeats the same answer (and a wrong password may lock the account). */
const FINAL_FAILURES: ReadonlySet<AmiFailureCode> = new Set(['authFailed', 'loginUnsendable', 'notAmi', 'tls']);

export function isFinalFailure(failure: AmiFailure): boolean {
  return FINAL_FAILURES.has(failure.code);
}

export function linkFailure(code: AmiFailureCode, where: string, detail?: string): AmiFailure {
  return detail === undefined
    ? { code, message: englishMessage(code, where) }
    : { code, message: englishMessage(code, where, detail), detail };
}

function englishMessage(code: AmiFailureCode, where: string, detail?: string): string {
  const suffix = detail === undefined ? '' : ` (${detail})`;
  switch (code) {
    case 'authFailed':
      return `The PBX at ${where} refused the user name or password${suffix}.`;
    case 'loginUnsendable':
      return `The user name or password cannot be sent to the PBX at ${where}${suffix}.`;
    case 'refused':
      return `The PBX at ${where} refused the connection; is its manager interface (AMI) enabled?`;
    case 'unreachable':
      return `The PBX at ${where} cannot be reached from this computer (${UNREACHABLE_BECAUSE[detail ?? ''] ?? detail}).`;
    case 'notAmi':
      return `The server at ${where} is not an Asterisk manager interface (it greeted with "${detail}").`;
    case 'timeout':
      return `The PBX at ${where} did not answer in time.`;
    case 'tls':
      return `The secure connection to the PBX at ${where} could not be trusted${suffix}.`;
    case 'closedByPeer':
      return `The PBX at ${where} closed the connection.`;
    case 'shutdown':
      return `The PBX at ${where} is ${detail === 'restart' ? 'restarting' : 'shutting down'}.`;
    case 'linkDead':
      return `The PBX at ${where} stopped answering; the connection is presumed lost.`;
    case 'protocol':
      return `The PBX at ${where} sent something this console does not understand${suffix}.`;
  }
}

/** What each "cannot reach" error of the operating system means, in words. */
const UNREACHABLE_BECAUSE: Readonly<Record<string, string>> = {
  ENOTFOUND: 'no computer of that name is known',
  EAI_AGAIN: 'its name could not be looked up just now',
  EHOSTUNREACH: 'the network has no way to it',
  ENETUNREACH: 'the network has no way to it',
  EHOSTDOWN: 'it is switched off or off the network',
  EADDRNOTAVAIL: 'this computer has no network address to reach it from',
};

/** Classifies a socket or TLS error by its Node error code. */
export function failureFromSocketError(error: Error & { code?: string }, where: string): AmiFailure {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return linkFailure('refused', where);
  if (UNREACHABLE_BECAUSE[code] !== undefined) return linkFailure('unreachable', where, code);
  if (code === 'ETIMEDOUT') return linkFailure('timeout', where);
  if (code === 'ECONNRESET' || code === 'EPIPE') return linkFailure('closedByPeer', where);
  if (isTlsError(error)) return linkFailure('tls', where, error.message);
  return linkFailure('closedByPeer', where, error.message);
}

function isTlsError(error: Error & { code?: string; library?: string }): boolean {
  const code = error.code ?? '';
  return (
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    code.includes('CERT') ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' ||
    error.library === 'SSL routines'
  );
}
