/**
 * What main tells the operator beyond refusing a request: how a command it followed in the PBX's
 * events failed, and what it found wrong with the phonebook file. Reasons and the values their
 * words fill in (the `mainSaid` group of src-shared/refusals.ts).
 */
export const MAIN_SAID_VALUES = {
  // A blind transfer (or a parked call moved), following the moved person to the target.
  ringingBackAtYou: ['target', 'how', 'moved'],
  endedAfterUnanswered: ['target', 'how', 'moved'],
  backWithYou: ['target', 'how', 'moved'],
  transferUnanswered: ['target', 'how'],
  hungUpWhileRinging: ['target', 'moved'],
  hungUpBeforeTransfer: ['moved'],
  noRingingSeen: ['target', 'moved'],
  // An attended transfer.
  transferNotCompleted: [],
  noTransferFeature: [],
  // A call from my phone: its first leg (my phone), then the target.
  couldNotCallYou: ['myDevice'],
  yourPhoneHungUp: [],
  yourPhoneNotAnswered: [],
  yourPhoneBusy: [],
  yourPhoneUnreachable: ['myDevice'],
  callNotPlaced: ['pbxReason'],
  targetBusy: ['target'],
  targetNoAnswer: ['target'],
  callCancelled: [],
  targetUnreachable: ['target'],
  callToFailed: ['target', 'status'],
  callToFailedUnsaid: ['target'],
  endedBeforeAnswer: ['target'],
  noOriginateResponse: [],
  // Listening in.
  listenNotAnswered: [],
  nothingToListenTo: ['target'],
  listenedCallOver: [],
  // Any followed command, when the link to the PBX dropped.
  connectionDropped: [],
  // The phonebook and call history file found at login, kept aside and replaced by an empty one.
  fileNotDatabase: ['backupPath'],
  filePagesDamaged: ['backupPath', 'detail'],
  fileUnreadable: ['backupPath', 'detail'],
  historyUnavailable: [],
  // The gatekeeper: a request from no window of ours, a method that does not exist, a fault inside.
  untrustedSender: [],
  unknownMethod: ['method'],
  internalFault: [],
  // An argument the contract's schemas refused (`argumentSaid`): zod's own checks, then ours.
  argumentMissing: [],
  argumentWrongType: [],
  argumentNotChoice: [],
  argumentTooBig: ['max'],
  argumentTooSmall: ['min'],
  argumentInvalid: [],
  unknownCallItem: [],
  unknownExtension: [],
  unknownQueueItem: [],
  notDialTarget: [],
  pauseReasonOneLine: [],
  pauseReasonTooLong: ['max'],
  presenceMessageTooLong: ['max'],
  presenceMessageOneLine: [],
  historySearchTooLong: ['max'],
  historySearchOneLine: [],
  historyPageTooLong: ['max'],
  textTooLong: ['field', 'max'],
  textHasLineBreak: ['field'],
  fileNeedsName: [],
  contactFileTooLarge: [],
  lookupNotNumber: [],
  notAttribute: [],
  notLdapUrl: [],
  notPemCertificate: [],
  baseDnNeeded: [],
  filterNotParenthesised: [],
  securityMismatch: [],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/** How the target of a transfer did not answer: `mainSaid.how.<how>`. */
export const UNANSWERED_HOWS = ['busy', 'unreachable', 'noAnswer'] as const;
export type UnansweredHow = (typeof UNANSWERED_HOWS)[number];

/**
 * The person a transfer moves, as the board names them ("105 Emma Fischer"), or `caller` when
 * the PBX gave neither number nor name: the page words that (`mainSaid.moved.caller`).
 */
export type MovedPerson = { readonly shown: string } | 'caller';

/** Which text of a directory request a length or line-break problem is about: `mainSaid.field.<field>`. */
export const TEXT_FIELDS = ['search', 'fileName', 'bindName', 'baseDn', 'filter'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
