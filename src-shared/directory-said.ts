/**
 * What main says about the phonebook's imports and directory servers, as reasons and the values
 * their words fill in (the `directoryImport` and `ldap` groups of src-shared/refusals.ts).
 */
export const IMPORT_VALUES = {
  // A file that is not imported at all.
  csvQuoteNeverEnds: ['line'],
  fileEmpty: [],
  chooseNameColumn: [],
  notVcardLine: ['line'],
  cardNotClosed: ['line'],
  cardNeverBegun: ['line'],
  outsideAnyCard: ['line'],
  noCards: [],
  // A row or card left out of an import.
  wrongFieldCount: ['fields', 'width'],
  rowHasNoName: [],
  fieldTooLong: ['max'],
  notPhoneNumber: ['number'],
  cardHasNoName: [],
  // The phonebook itself.
  phonebookClosed: [],
  sourceGone: [],
  directoryServerGone: [],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/** Why a directory server gave no contacts; `where` is its host and port. */
export const LDAP_VALUES = {
  bindRefused: ['where'],
  noSuchBase: ['where', 'base'],
  serverUnreachable: ['where'],
  unknownHost: ['host'],
  serverTimedOut: ['where'],
  tlsFailed: ['where', 'detail'],
  searchRefused: ['where', 'detail'],
} as const satisfies Readonly<Record<string, readonly string[]>>;
