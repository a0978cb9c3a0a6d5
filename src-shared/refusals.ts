import { IMPORT_VALUES, LDAP_VALUES } from './directory-said';
import { MAIN_SAID_VALUES, type MovedPerson, type TextField, type UnansweredHow } from './main-said';
import { PROFILE_FIELD_VALUES, type KeychainTrouble, type ProfileSetting } from './setting-problems';

/**
 * What main says when it refuses, or cannot carry out, what the operator asked: a reason and the
 * values its words fill in. The page words it in the operator's language (`refusal.<reason>` in
 * src-renderer/i18n); main's log says it in English from the same words (src-main/english-words.ts).
 */
export const REFUSAL_VALUES = {
  // The link to the PBX, as the commands meet it.
  notConnected: [],
  droppedBeforeSent: [],
  connectionClosed: [],
  noAnswerInTime: [],
  outcomeUnknown: [],
  lineBreak: [],
  tooLong: [],
  notSendable: [],
  // The PBX's answer to an action.
  permissionDenied: ['intent', 'grant'],
  callEndedBefore: ['doing'],
  pbxRefused: ['said'],
  pbxRefusedSilently: [],
  // What the call desk finds before it asks the PBX.
  takeNeedsMyDevice: [],
  notListening: [],
  callOver: [],
  alreadyRecording: [],
  notRecording: [],
  recordingAlreadyStopped: [],
  alreadyOnThatCall: [],
  personLeft: [],
  ambiguousParty: [],
  notDialable: ['target'],
  consultationEnded: [],
  noLongerRinging: [],
  alreadyYours: [],
  slotEmpty: ['slot'],
  extensionGone: [],
  noVoicemailBox: ['exten'],
  queueGone: [],
  memberGone: [],
  callerGone: [],
  alreadyMember: ['who', 'queue'],
  memberFromConfiguration: ['who'],
  transferNotWaiting: [],
  listeningOff: [],
  reloading: [],
  needsMyPhone: [],
  needsMyExtension: [],
  myDeviceWithoutHint: ['exten'],
  parkNeedsTwo: [],
  noSettablePresence: ['exten'],
  attendedNeedsYourCall: [],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/**
 * Every group of the page's words main speaks in codes, each with its reasons (named once across
 * all groups) and their values: `<group>.<reason>` in src-renderer/i18n.
 */
export const SAID_GROUPS = {
  refusal: REFUSAL_VALUES,
  directoryImport: IMPORT_VALUES,
  ldap: LDAP_VALUES,
  profileField: PROFILE_FIELD_VALUES,
  mainSaid: MAIN_SAID_VALUES,
} as const;

type ValuesOf = typeof REFUSAL_VALUES &
  typeof IMPORT_VALUES &
  typeof LDAP_VALUES &
  typeof PROFILE_FIELD_VALUES &
  typeof MAIN_SAID_VALUES;
export type RefusalReason = keyof ValuesOf;

const GROUP_OF: ReadonlyMap<string, string> = new Map(
  Object.entries(SAID_GROUPS).flatMap(([group, table]) => Object.keys(table).map((reason) => [reason, group])),
);

/**
 * What each AMI action the console sends is for, in the operator's words ("Your AMI user may not
 * transfer calls"): `refusal.intent.<intent>`.
 */
export const PERMISSION_INTENTS = [
  'readVersion',
  'listExtensions',
  'listPhoneStates',
  'listPresence',
  'listMailboxNames',
  'listPhones',
  'listChannels',
  'listParkedCalls',
  'runHintsCommand',
  'readExtensionState',
  'filterEvents',
  'countVoicemail',
  'placeCalls',
  'transferCalls',
  'parkCalls',
  'hangUpCalls',
  'recordCalls',
  'listQueues',
  'pauseQueueMembers',
  'addQueueMembers',
  'removeQueueMembers',
  'setPresenceOrDnd',
  'setDnd',
  'clearDnd',
  'other',
] as const;
export type PermissionIntent = (typeof PERMISSION_INTENTS)[number];

/** What a call could not be when it ended first ("The call ended before it could be parked"): `refusal.doing.<doing>`. */
export const CALL_ENDED_DOINGS = [
  'placed',
  'parked',
  'recorded',
  'paused',
  'resumed',
  'stopped',
  'joined',
  'transferred',
  'moved',
  'changed',
  'hungUp',
  'unpaused',
  'added',
  'removed',
  'taken',
] as const;
export type CallEndedDoing = (typeof CALL_ENDED_DOINGS)[number];

/** Values that are codes themselves, each worded from its own table. */
interface CodedValues {
  readonly intent: PermissionIntent;
  readonly doing: CallEndedDoing;
  readonly setting: ProfileSetting;
  readonly how: UnansweredHow;
  readonly moved: MovedPerson;
  readonly field: TextField;
  readonly keychain: KeychainTrouble;
}
/** `why`: a reason within a reason ("not an export: it is another program's file"), worded in its place. */
type ValueNamed<N extends string> = N extends 'why'
  ? Refusal
  : N extends keyof CodedValues
    ? CodedValues[N]
    : string | number;

export type Refusal = {
  readonly [R in RefusalReason]: {
    readonly reason: R;
    readonly values: { readonly [N in ValuesOf[R][number]]: ValueNamed<N> };
  };
}[RefusalReason];

export type RefusalOf<R extends RefusalReason> = Extract<Refusal, { reason: R }>;

/** `refused('slotEmpty', { slot: '701' })`: the compiler holds each reason to its values. */
export function refusal<R extends RefusalReason>(reason: R, values: RefusalOf<R>['values']): Refusal {
  return { reason, values } as Refusal;
}

/** Each coded value's table: `<group>.<name>.<value>`. */
const CODED: Readonly<Record<keyof CodedValues, keyof typeof SAID_GROUPS>> = {
  intent: 'refusal',
  doing: 'refusal',
  setting: 'profileField',
  how: 'mainSaid',
  moved: 'mainSaid',
  field: 'mainSaid',
  keychain: 'profileField',
};
const isCoded = (name: string): name is keyof CodedValues => Object.hasOwn(CODED, name);

/** A language's lookup of a message by its key, filling in its named values. */
export type Translate = (key: string, values?: Readonly<Record<string, string>>) => string;

/**
 * A refusal in one language's words: numbers as that language writes them, coded values from
 * their own tables. The page and main's English log both say it through here.
 */
export function refusalWords(said: Refusal, t: Translate, locale: string): string {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries<string | number | { readonly shown: string } | Refusal>(said.values)) {
    if (typeof value === 'number') values[name] = new Intl.NumberFormat(locale).format(value);
    else if (typeof value === 'object') values[name] = 'shown' in value ? value.shown : refusalWords(value, t, locale);
    else values[name] = isCoded(name) ? t(`${CODED[name]}.${name}.${value}`) : value;
  }
  return t(`${GROUP_OF.get(said.reason) ?? 'refusal'}.${said.reason}`, values);
}
