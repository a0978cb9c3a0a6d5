/**
 * THE narrow API between the renderer and main: every method (an operator intent or a
 * session/profile call) with its argument schema and result type, and every pushed event.
 * Main validates each argument with these schemas; the preload and the browser bridge build
 * `window.switchboard` from these names; the renderer imports only types from here.
 */
import { z } from 'zod';
import {
  ProfileChangesSchema,
  ProfileDraftSchema,
  ProfileIdSchema,
  type DemoProfile,
  type UserProfile,
} from '../src-shared/profile';
import type {
  DeleteProfileResult,
  ForgetSecretResult,
  ImportReport,
  ProfileProblem,
  SaveSecretResult,
  VaultAvailability,
} from '../src-shared/profile-results';
import { SecretSchema } from '../src-shared/secret';
import type {
  CsvPreview,
  DirectoryEntry,
  DirectoryOverview,
  DirectoryPage,
  ImportReport as ContactImportReport,
} from '../src-shared/directory-results';
import {
  CsvImportSchema,
  CsvPreviewSchema,
  DirectorySearchSchema,
  LdapSettingsSchema,
  NumberLookupSchema,
  SourceRefSchema,
  VcardImportSchema,
} from '../src-shared/directory-schemas';
import { LANGUAGES } from '../src-shared/language';
import { TRANSFER_MODES } from '../src-shared/transfer-mode';
import type { IpcErrorCode, SessionFailure, WatchFailureCode } from '../src-shared/error-codes';
import type { Refusal } from '../src-shared/refusals';
import { argumentSaid } from '../src-shared/argument-said';

export type { IpcErrorCode } from '../src-shared/error-codes';

/** The editor warns with the same rule main applies: which edits forget a saved secret. */
export { changesSecretTarget } from '../src-shared/profile';
import { HISTORY_PAGE_MAX, type HistoryPage } from '../src-shared/call-history';
import { DIAL_TARGET } from './dial-target';
import type { PbxPicture, PicturePatch } from './state';

/**
 * Log in with a profile ('demo' is the built-in Demo PBX). Without a typed secret, the one typed
 * earlier this session or saved in the keychain is used. With one, `rememberSecret` says whether it
 * goes into the keychain (true) or stays for this session only (false, the default; a saved one is
 * then forgotten). Only a secret the PBX did not refuse is remembered.
 */
export const ConnectRequestSchema = z.strictObject({
  profileId: ProfileIdSchema,
  secret: SecretSchema.optional(),
  rememberSecret: z.boolean().optional(),
});
export type ConnectRequest = z.infer<typeof ConnectRequestSchema>;

const NoArgs = z.undefined();

/** Which login a session belongs to: what the status bar names, and the profile it came from. */
export interface SessionIdentity {
  /** `pbx.example.com:5038` or `Demo PBX`. */
  readonly target: string;
  readonly profileId: string;
}

export type SessionStatus =
  | { readonly kind: 'disconnected' }
  | (SessionIdentity & { readonly kind: 'connecting'; readonly attempt: number })
  | (SessionIdentity & {
      readonly kind: 'connected';
      readonly username: string;
      readonly amiVersion: string;
      /** e.g. `20.20.1`, or a release family like `20` when CoreSettings is not permitted. */
      readonly asteriskVersion: string;
    })
  | (SessionIdentity & {
      readonly kind: 'reconnecting';
      readonly attempt: number;
      /** Epoch ms of the next attempt, so the page can count down. */
      readonly retryAt: number;
      readonly reason: SessionFailure;
    })
  | (SessionIdentity & {
      readonly kind: 'failed';
      readonly reason: SessionFailure;
    });

export interface PictureSnapshot {
  /** Patches with a version at or below this one are already contained in the snapshot. */
  readonly version: number;
  readonly picture: PbxPicture;
}

export interface PictureBatch {
  readonly version: number;
  readonly patches: readonly PicturePatch[];
}

/** What every method returns across IPC: never a thrown error, always something the UI can show. */
export type IpcResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError };

export interface IpcError {
  readonly code: IpcErrorCode;
  /** Main's English, for the log and where no refusal is given. */
  readonly message: string;
  /** What the page words in the operator's language. */
  readonly refusal?: Refusal;
  /** For a refused argument: what is wrong with each setting, by its name (`myDevice`), to show beside it. */
  readonly fields?: Readonly<Record<string, string>>;
  /** The problems of `fields` that main has as codes, by the same names, for the page to word. */
  readonly fieldRefusals?: Readonly<Record<string, Refusal>>;
}

/** A method: its argument schema, and its result type carried as a phantom. */
export interface MethodSpec<A extends z.ZodType, R> {
  readonly args: A;
  readonly result?: R;
}
const method =
  <R>() =>
  <A extends z.ZodType>(args: A): MethodSpec<A, R> => ({ args });

/** A pushed event, its payload type carried as a phantom. */
export interface EventSpec<P> {
  readonly payload?: P;
}
const event = <P>(): EventSpec<P> => ({});

/** A number or extension to dial or transfer to: digits, letters and the keypad's `*#+`. */
const DialTarget = z.string().trim().regex(DIAL_TARGET, argumentSaid('notDialTarget', {}));
/** Ids main issued (call, party, slot, queue, member, waiting caller): short and plain, never a channel name. */
const ISSUED_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const IssuedId = z.string().regex(ISSUED_ID, argumentSaid('unknownCallItem', {}));
const ExtensionId = z
  .string()
  .regex(/^[A-Za-z0-9*#+_.-]{1,64}@[A-Za-z0-9_.-]{1,80}$/, argumentSaid('unknownExtension', {}));

export const TransferRequestSchema = z.object({
  callId: IssuedId,
  target: DialTarget,
  mode: z.enum(TRANSFER_MODES),
  /** The person to move (dragged from the calls panel); by default the one who is not me nor `fromExtensionId`. */
  partyId: IssuedId.optional(),
  /** The tile the call was dragged from: its person stays. */
  fromExtensionId: ExtensionId.optional(),
});
export type TransferRequest = z.infer<typeof TransferRequestSchema>;
const RecordingActionSchema = z.enum(['start', 'pause', 'resume', 'stop']);
export type RecordingAction = z.infer<typeof RecordingActionSchema>;

/** How an attended transfer's consultation ends: hand the call over, or go back to the caller. */
const ConsultationEndSchema = z.enum(['complete', 'cancel']);
export type ConsultationEnd = z.infer<typeof ConsultationEndSchema>;

/** What an accepted command hands back: done at once, or followed by `calls:progress` under this id. */
export type CommandReceipt = { readonly kind: 'done' } | { readonly kind: 'watching'; readonly commandId: string };

/** Who the operator is on this connection, for highlighting "my" calls. */
export interface OperatorIdentity {
  readonly myDevice: string | undefined;
  /** The board tile of my device, when the PBX has a hint for it. */
  readonly myExtensionId: string | undefined;
}

export type WatchedCommand = 'dial' | 'pickup' | 'attendedTransfer' | 'blindTransfer' | 'takeCall' | 'listen';
export type CommandStage =
  'callingYou' | 'ringing' | 'connected' | 'ended' | 'waiting' | 'consulting' | 'transferred' | 'returned';

/** How a watched command goes, judged from the PBX's events (not its acknowledgement). */
export type CommandProgress = {
  readonly commandId: string;
  readonly command: WatchedCommand;
  /** Who the command is for, as the board numbers them; empty when the PBX gave no number (the page says "the call"). */
  readonly target: string;
} & (
  | { readonly stage: CommandStage }
  /** The page words `said` in the operator's language. */
  | { readonly stage: 'failed'; readonly code: WatchFailureCode; readonly said: Refusal }
);

/** A profile as the login screen sees it: its settings and whether a secret is saved; never the secret. */
export type ProfileSummary = (UserProfile | DemoProfile) & { readonly hasSavedSecret: boolean };

/** Something the login screen should say about the profiles file or the `--profile` launch option. */
export type ProfileNotice =
  | ProfileProblem
  | { readonly kind: 'launchProfile'; readonly said: Refusal }
  /** What the first start took from the admin's machine-wide profiles file, then each profile it left out. */
  | { readonly kind: 'machineProfiles'; readonly said: Refusal; readonly problems: readonly Refusal[] };

export interface ProfileList {
  /** The built-in Demo PBX first, then the operator's profiles. */
  readonly profiles: readonly ProfileSummary[];
  /** The profile to preselect. */
  readonly lastUsedProfileId: string | undefined;
  readonly notices: readonly ProfileNotice[];
  /** Whether secrets can be remembered on this computer at all. */
  readonly keychain: VaultAvailability;
}

/** Saving a secret: only the outcomes the login screen shows; the others are refusals. */
export type SecretSaved = Extract<SaveSecretResult, { kind: 'remembered' | 'sessionOnly' | 'notRemembered' }>;

// ---- queues ---------------------------------------------------------------------------------

/** Why a member is paused, as the operator types it: one line, short enough for the PBX's queue log. */
const PauseReason = z
  .string()
  .regex(/^[^\r\n\0]*$/, argumentSaid('pauseReasonOneLine', {}))
  .trim()
  .max(80, argumentSaid('pauseReasonTooLong', { max: 80 }));
const QueueItemId = z.string().regex(ISSUED_ID, argumentSaid('unknownQueueItem', {}));

const QueuePauseRequestSchema = z.strictObject({
  memberId: QueueItemId,
  paused: z.boolean(),
  reason: PauseReason.optional(),
});

const ProfileRef = z.strictObject({ id: ProfileIdSchema });
/** The largest profiles file the page reads and sends (bytes; a text has at most as many characters). */
export const MAX_IMPORT_FILE_BYTES = 512 * 1024;
/** An export file read in the page; the bridge's own cap is 1 MiB. */
const ExportText = z.string().max(MAX_IMPORT_FILE_BYTES, argumentSaid('importTooLarge', {}));

// ---- The receptionist's day (issue 11): presence, DND and voicemail of an extension; taking a call
// ringing elsewhere; listening in. Every target is an id main issued (a tile, a call, a party).

/** What the operator may set someone's presence to (Asterisk's CustomPresence states); `not_set` clears it. */
const PresenceChoiceSchema = z.enum(['available', 'away', 'dnd', 'xa', 'chat', 'unavailable', 'not_set']);
/** Said beside the presence ("Back at two"): one line, no comma (it would end the message in the PBX's value). */
const PresenceMessageSchema = z
  .string()
  .trim()
  .max(80, argumentSaid('presenceMessageTooLong', { max: 80 }))
  .regex(/^[^\r\n\0,]*$/, argumentSaid('presenceMessageOneLine', {}));
/** How the operator joins someone's call: hear both, talk to that person only, or talk to both. */
export const LISTEN_MODES = ['listen', 'whisper', 'barge'] as const;
export type ListenMode = (typeof LISTEN_MODES)[number];

const extensionMethods = {
  setPresence: method<null>()(
    z.strictObject({
      extensionId: ExtensionId,
      state: PresenceChoiceSchema,
      message: PresenceMessageSchema.optional(),
    }),
  ),
  /** By the profile's DND method; the lamp follows the PBX's event. */
  setDnd: method<null>()(z.strictObject({ extensionId: ExtensionId, on: z.boolean() })),
  /** Rings my phone, then the extension's voicemail box. */
  callVoicemail: method<CommandReceipt>()(z.strictObject({ extensionId: ExtensionId })),
};

const receptionCallMethods = {
  /** A call ringing at another extension comes to my phone instead (the caller is moved). */
  take: method<CommandReceipt>()(z.strictObject({ callId: IssuedId })),
  /** My phone rings, then joins the call on that person's side (by default the first colleague on it). */
  listen: method<CommandReceipt>()(
    z.strictObject({ callId: IssuedId, partyId: IssuedId.optional(), mode: z.enum(LISTEN_MODES) }),
  ),
  stopListening: method<CommandReceipt>()(z.strictObject({ listenId: IssuedId })),
};
// ---- call history -------------------------------------------------------------------------

/** The history panel's filters: missed, mine, today, a person's number, and text to look for. */
const HistoryFilterShape = {
  missed: z.boolean().default(false),
  mine: z.boolean().default(false),
  today: z.boolean().default(false),
  person: DialTarget.optional(),
  text: z
    .string()
    .max(100, argumentSaid('historySearchTooLong', { max: 100 }))
    .refine((value) => !/[\r\n\0]/.test(value), argumentSaid('historySearchOneLine', {}))
    .default(''),
};
const HistoryQuerySchema = z.strictObject({
  ...HistoryFilterShape,
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z
    .number()
    .int()
    .min(1)
    .max(HISTORY_PAGE_MAX, argumentSaid('historyPageTooLong', { max: HISTORY_PAGE_MAX }))
    .default(50),
});

/** What the header and an open history panel learn when calls were added to the history. */
export interface HistoryChanged {
  /** Today's missed calls not yet seen in the history. */
  readonly unseenMissed: number;
}

// ---- end of call history --------------------------------------------------------------------

// ---- The desktop shell: what main draws itself (the tray, native notifications) speaks the page's language.

const desktopMethods = {
  /** The language the page speaks now: its profile's, or the login screen's. */
  speak: method<null>()(z.strictObject({ language: z.enum(LANGUAGES) })),
};

export const methods = {
  session: {
    connect: method<SessionStatus>()(ConnectRequestSchema),
    disconnect: method<SessionStatus>()(NoArgs),
    status: method<SessionStatus>()(NoArgs),
  },
  picture: {
    /** Starts the feed for this window: returns the snapshot; patches follow as `picture:patch`. */
    subscribe: method<PictureSnapshot>()(NoArgs),
    /** The page has applied the batch of this version; main sends the next one only after this. */
    taken: method<null>()(z.strictObject({ version: z.number().int().nonnegative() })),
  },
  profiles: {
    list: method<ProfileList>()(NoArgs),
    create: method<ProfileSummary>()(ProfileDraftSchema),
    /** Only the fields that changed; board preferences field by field. */
    update: method<ProfileSummary>()(z.strictObject({ id: ProfileIdSchema, changes: ProfileChangesSchema })),
    /** A copy without the secret: a secret belongs to one login. */
    duplicate: method<ProfileSummary>()(ProfileRef),
    /** The profile and its saved secret. */
    delete: method<DeleteProfileResult>()(ProfileRef),
    /** Write-only: the secret goes to main and never comes back; `hasSavedSecret` tells the rest. */
    saveSecret: method<SecretSaved>()(
      z.strictObject({ id: ProfileIdSchema, secret: SecretSchema, remember: z.boolean() }),
    ),
    forgetSecret: method<ForgetSecretResult>()(ProfileRef),
    /** Every profile as JSON text for another desk; never a secret. The page offers it as a download. */
    export: method<string>()(NoArgs),
    /** The text of an export file the operator picked in the page. */
    import: method<ImportReport>()(z.strictObject({ text: ExportText })),
  },
  calls: {
    /** Rings my phone, then the target. */
    dial: method<CommandReceipt>()(z.object({ target: DialTarget })),
    transfer: method<CommandReceipt>()(TransferRequestSchema),
    park: method<CommandReceipt>()(z.object({ callId: IssuedId, partyId: IssuedId.optional() })),
    record: method<CommandReceipt>()(z.object({ callId: IssuedId, action: RecordingActionSchema })),
    hangup: method<CommandReceipt>()(z.object({ callId: IssuedId })),
    /** Ends the consultation of an attended transfer (a `calls:transfer` being watched as consulting). */
    finishTransfer: method<CommandReceipt>()(z.object({ commandId: IssuedId, action: ConsultationEndSchema })),
    operator: method<OperatorIdentity>()(NoArgs),
    ...receptionCallMethods,
  },
  extensions: extensionMethods,
  history: {
    /** One page of the logged-in profile's call history, newest first. */
    list: method<HistoryPage>()(HistoryQuerySchema),
    /** Calls nobody took since midnight that the operator has not seen in the history, for the header. */
    missedCount: method<number>()(NoArgs),
    /** The operator looked at the history: the header's missed count clears. */
    markSeen: method<null>()(NoArgs),
    /** Every call the filters match as CSV text; the page offers it as a download. */
    export: method<string>()(z.strictObject(HistoryFilterShape)),
  },
  desktop: desktopMethods,
  parking: {
    /** Rings my phone, then connects it to the parked call. */
    pickup: method<CommandReceipt>()(z.object({ slot: IssuedId })),
    /** Sends the parked call to an extension. */
    move: method<CommandReceipt>()(z.object({ slot: IssuedId, target: DialTarget })),
  },
  queues: {
    /** Pauses or unpauses a member; the panel shows it when the PBX reports the change. */
    pause: method<CommandReceipt>()(QueuePauseRequestSchema),
    /** Adds an extension's phone to a queue as a dynamic member. */
    addMember: method<CommandReceipt>()(z.strictObject({ queueId: QueueItemId, extensionId: ExtensionId })),
    /** Removes a member that was added at run time. */
    removeMember: method<CommandReceipt>()(z.strictObject({ memberId: QueueItemId })),
    /** Takes a waiting caller out of the queue to an extension, or to my phone when no target is given. */
    pull: method<CommandReceipt>()(z.strictObject({ callerId: QueueItemId, target: DialTarget.optional() })),
  },
  /** The logged-in profile's phonebook (refused with directoryUnavailable when no profile is logged in). */
  directory: {
    /** Its sources and any problem found with its file. */
    overview: method<DirectoryOverview>()(NoArgs),
    /** A page of entries matching every term: any part of a name, a company, a department, a number. */
    search: method<DirectoryPage>()(DirectorySearchSchema),
    /** Who a caller's number belongs to, however either is written. */
    lookup: method<DirectoryEntry | null>()(NumberLookupSchema),
    /** The mapping step: the CSV file's columns and a guessed mapping. */
    previewCsv: method<CsvPreview>()(CsvPreviewSchema),
    /** All of the file's good rows, or none; a file of the same name replaces its last import. */
    importCsv: method<ContactImportReport>()(CsvImportSchema),
    importVcard: method<ContactImportReport>()(VcardImportSchema),
    removeSource: method<null>()(SourceRefSchema),
    /** Saves an LDAP server (new without `id`) and reads it; the secret goes to the keychain, write-only. */
    saveLdap: method<ContactImportReport>()(
      z.strictObject({
        id: z.number().int().positive().optional(),
        settings: LdapSettingsSchema,
        secret: SecretSchema.optional(),
      }),
    ),
    refreshLdap: method<ContactImportReport>()(SourceRefSchema),
  },
} as const;

export const events = {
  session: {
    status: event<SessionStatus>(),
  },
  picture: {
    patch: event<PictureBatch>(),
  },
  calls: {
    progress: event<CommandProgress>(),
    /** The operator clicked the desktop notification of this call: bring it into focus. */
    focus: event<{ readonly callId: string }>(),
  },
  queues: {
    /** The operator clicked the desktop notification of this waiting caller: bring it into focus. */
    focusCaller: event<{ readonly callerId: string }>(),
  },
  history: {
    changed: event<HistoryChanged>(),
  },
  directory: {
    /** The phonebook's entries changed (the PBX's users noted after a login, an import): searches shown are asked again. */
    changed: event<Record<string, never>>(),
  },
} as const;

type Methods = typeof methods;
type Events = typeof events;

/** `domain:verb`, the channel name of each method. */
export type MethodChannel = { [D in keyof Methods]: `${D}:${keyof Methods[D] & string}` }[keyof Methods];
export type EventChannel = { [D in keyof Events]: `${D}:${keyof Events[D] & string}` }[keyof Events];

type SpecOf<C extends MethodChannel> = C extends `${infer D extends keyof Methods}:${infer V}`
  ? V extends keyof Methods[D]
    ? Methods[D][V]
    : never
  : never;
type EventSpecOf<C extends EventChannel> = C extends `${infer D extends keyof Events}:${infer V}`
  ? V extends keyof Events[D]
    ? Events[D][V]
    : never
  : never;

/** The argument as a handler receives it (parsed: defaults filled in). */
export type ArgsOf<C extends MethodChannel> = SpecOf<C> extends MethodSpec<infer A, unknown> ? z.output<A> : never;
/** The argument as the page may send it (defaults may be left out). */
export type InputOf<C extends MethodChannel> = SpecOf<C> extends MethodSpec<infer A, unknown> ? z.input<A> : never;
export type ResultOf<C extends MethodChannel> = SpecOf<C> extends MethodSpec<z.ZodType, infer R> ? R : never;
export type PayloadOf<C extends EventChannel> = EventSpecOf<C> extends EventSpec<infer P> ? P : never;

function channelsOf(table: Record<string, Record<string, unknown>>): string[] {
  return Object.entries(table).flatMap(([domain, verbs]) => Object.keys(verbs).map((verb) => `${domain}:${verb}`));
}

export const METHOD_CHANNELS = channelsOf(methods) as readonly MethodChannel[];
export const EVENT_CHANNELS = channelsOf(events) as readonly EventChannel[];

export function schemaOf(channel: MethodChannel): z.ZodType {
  const [domain, verb] = channel.split(':') as [string, string];
  const spec = (methods as Record<string, Record<string, MethodSpec<z.ZodType, unknown>>>)[domain]?.[verb];
  if (!spec) throw new Error(`No such method in the contract: ${channel}`);
  return spec.args;
}

/** The shape of `window.switchboard`: `api.session.connect(args)`, `api.session.onStatus(listener)`. */
export type SwitchboardApi = {
  [D in keyof Methods | keyof Events]: (D extends keyof Methods
    ? {
        [V in keyof Methods[D] & string]: InputOf<`${D}:${V}` & MethodChannel> extends undefined
          ? () => Promise<IpcResult<ResultOf<`${D}:${V}` & MethodChannel>>>
          : (args: InputOf<`${D}:${V}` & MethodChannel>) => Promise<IpcResult<ResultOf<`${D}:${V}` & MethodChannel>>>;
      }
    : unknown) &
    (D extends keyof Events
      ? {
          [V in keyof Events[D] & string as `on${Capitalize<V>}`]: (
            listener: (payload: PayloadOf<`${D}:${V}` & EventChannel>) => void,
          ) => () => void;
        }
      : unknown);
};
