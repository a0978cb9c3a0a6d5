/**
 * Every code main may answer with across IPC, so the page compares a refusal against a name the
 * compiler knows. The messages that go with them are written in main.
 */

/** Why the AMI link is down, as the AMI client reports it. */
export const AMI_FAILURE_CODES = [
  'authFailed',
  'loginUnsendable',
  'refused',
  'unreachable',
  'notAmi',
  'timeout',
  'tls',
  'closedByPeer',
  'shutdown',
  'linkDead',
  'protocol',
] as const;
export type AmiFailureCode = (typeof AMI_FAILURE_CODES)[number];

/** Why a session is not (or no longer) connected: the link's reasons, or a login permitted too little. */
export type SessionFailureCode = AmiFailureCode | 'permission';

/**
 * Why a session is down, as main sends it: the page words `code` in the operator's language
 * (src-renderer/i18n/failure-words.ts); `message` is main's English, for the log.
 */
export interface SessionFailure<Code extends SessionFailureCode = SessionFailureCode> {
  readonly code: Code;
  readonly message: string;
  /**
   * Shown as it came: the PBX's own words (its Login reply's Message), the greeting of a server
   * that is not AMI, the TLS library's error; for `unreachable` the OS's error code (ENOTFOUND);
   * for `shutdown`, `restart` when the PBX restarts.
   */
  readonly detail?: string;
}

/** Why an operator command (dial, transfer, park, record, hang up, a queue action) was not carried out. */
export type CommandErrorCode =
  | 'callNotFound'
  | 'partyNotFound'
  | 'slotEmpty'
  | 'notYourCall'
  | 'ambiguousParty'
  | 'invalidTarget'
  | 'alreadyRecording'
  | 'notRecording'
  | 'unsupported'
  | 'permissionDenied'
  | 'callEnded'
  | 'refused'
  | 'notConsulting'
  /** Queue commands: the queue, member or waiting caller named is no longer in the PBX's picture. */
  | 'queueNotFound'
  | 'memberNotFound'
  | 'callerLeft'
  /** A member from the PBX's configuration, which QueueRemove cannot take out. */
  | 'memberNotDynamic'
  | 'notConnected'
  | 'timeout'
  | 'outcomeUnknown'
  | 'failed';

/** Why a watched command failed after the PBX accepted it, judged from its events. */
export type WatchFailureCode =
  | 'callEnded'
  | 'connectionLost'
  | 'hungUp'
  | 'noEvidence'
  | 'noResponse'
  | 'noTransferFeature'
  | 'notAnswered'
  | 'returned'
  | 'targetFailed'
  | 'transferFailed'
  /** Originate's Reason header: the number Asterisk gives for why my phone did not take the call. */
  | `reason${number}`;

/** Why the profiles file refused a change. */
export type ProfileErrorCode =
  'notFound' | 'nameTaken' | 'invalid' | 'builtInProfile' | 'fileFromNewerVersion' | 'fileSystem';

/** Why a login or a secret was refused before anything went to the PBX. */
export type LoginErrorCode =
  | 'unknownProfile'
  | 'needsSecret'
  | 'invalidSecret'
  | 'noSecretNeeded'
  | 'serverChanged'
  /** The keychain could not be reached to forget a secret that an edit would leave behind. */
  | 'vaultUnavailable';

/** Why the phonebook refused a search, an import or a directory server's answer. */
export type DirectoryErrorCode =
  | 'directoryUnavailable'
  | 'importRefused'
  | 'sourceNotFound'
  | 'authFailed'
  | 'unreachable'
  | 'tlsFailed'
  | 'noSuchBase'
  | 'refused';

/** Why the call history could not be read: no profile logged in, or its database could not be opened. */
export type HistoryErrorCode = 'historyUnavailable';

/** Refusals of the transport itself: a stranger's request, a malformed argument, a fault inside. */
export type GatekeeperErrorCode = 'untrustedSender' | 'unknownMethod' | 'invalidArgument' | 'internal';

/** The page's own code when the browser bridge to main is gone. */
export type BridgeErrorCode = 'bridgeClosed';

export type IpcErrorCode =
  | GatekeeperErrorCode
  | LoginErrorCode
  | ProfileErrorCode
  | CommandErrorCode
  | BridgeErrorCode
  | DirectoryErrorCode
  | HistoryErrorCode;
