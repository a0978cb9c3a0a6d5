import { z } from 'zod';
import { HISTORY_SCOPES } from './call-history';
import { LANGUAGES } from './language';
import { acceleratorProblem } from './accelerator';
import { argumentSaid, saidAsMessage } from './argument-said';
import { coded } from './setting-issues';
import type { ProfileSetting } from './setting-problems';

/**
 * A login profile: where one operator's console connects and how it looks.
 * Never holds a secret; the secret lives in the OS keychain under the profile's id (see vault.ts).
 *
 * Every string here may end up in an AMI header (Username, Exten, Context, Channel, MixMonitor
 * file name), so CR, LF and NUL are refused at the door, never stripped.
 */

export const DEFAULT_AMI_PORT = 5038;
export const DEMO_PROFILE_ID = 'demo';

const MAX_TEXT = 200;

/** Text that may travel in an AMI header: no CR, LF or NUL, trimmed, bounded. */
function headerSafeText(setting: ProfileSetting, options: { mayBeEmpty?: boolean } = {}) {
  return z
    .custom<string>((value) => value !== undefined, coded('settingMissing', { setting }))
    .refine((value) => typeof value === 'string', { ...coded('settingNotText', { setting }), abort: true })
    .refine((value) => !/[\r\n\0]/.test(value), coded('settingHasLineBreak', { setting }))
    .refine((value) => value === value.trim(), coded('settingEdgeSpaces', { setting }))
    .refine((value) => options.mayBeEmpty === true || value !== '', coded('settingEmpty', { setting }))
    .refine((value) => value.length <= MAX_TEXT, coded('settingTooLong', { setting, max: MAX_TEXT }));
}

/** One of a setting's fixed choices, which the words name as they are written in the file. */
function choiceOf<const C extends readonly [string, ...string[]]>(setting: ProfileSetting, choices: C) {
  return z.enum(choices, coded('settingNotChoice', { setting, choices: choices.map((c) => `'${c}'`).join(', ') }));
}

const onOff = (setting: ProfileSetting) => z.boolean(coded('settingNotOnOff', { setting }));

const listTooLong = (setting: ProfileSetting, max: number) => argumentSaid('listTooLong', { setting, max });

/** Asterisk dialplan context or parking lot name. */
function asteriskName(setting: ProfileSetting) {
  return headerSafeText(setting).refine(
    (value) => /^[A-Za-z0-9_.-]+$/.test(value),
    coded('settingNotName', { setting }),
  );
}

export const ProfileIdSchema = z
  .string(coded('settingNotText', { setting: 'profileId' }))
  .refine((value) => value === DEMO_PROFILE_ID || z.uuid().safeParse(value).success, coded('notProfileId', {}));

const UserProfileIdSchema = z.uuid(coded('notProfileId', {}));

const DisplayNameSchema = headerSafeText('displayName');

const HostSchema = headerSafeText('host').refine(
  // Host name, IPv4, or IPv6 (bare or in brackets). Deliberately loose: DNS decides the rest.
  (value) => /^(\[[0-9A-Fa-f:.]+\]|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)$/.test(value),
  coded('hostNotHost', {}),
);

const PortSchema = z
  .number({
    error: (issue) => argumentSaid(issue.input === undefined ? 'portMissing' : 'portNotInRange', {}),
  })
  .refine((port) => Number.isInteger(port) && port >= 1 && port <= 65535, coded('portNotInRange', {}));

const TlsSettingsSchema = z.discriminatedUnion(
  'enabled',
  [
    z.strictObject({ enabled: z.literal(false) }),
    z.strictObject({
      enabled: z.literal(true),
      /** PEM file with the CA that signed the PBX certificate; absent = the system's trusted CAs. */
      caFile: headerSafeText('caFile').optional(),
      /** Name to check the certificate against when it differs from the host (SNI too). */
      serverName: headerSafeText('serverName').optional(),
    }),
  ],
  coded('settingNotOnOff', { setting: 'tls' }),
);

const AuthTypeSchema = choiceOf('authType', ['plain', 'md5']);
export type AuthType = z.infer<typeof AuthTypeSchema>;
export const DEFAULT_AUTH_TYPE: AuthType = 'md5';

const UsernameSchema = headerSafeText('username').refine(
  (value) => !/[\s]/.test(value),
  coded('usernameHasSpaces', {}),
);

/**
 * The operator's phone as the PBX names it, in any technology (`PJSIP/200`, `SIP/alice`, `IAX2/200`,
 * `DAHDI/1`, `Local/200@phones`, `Local/200@from-queue/n`), or just the extension number when the
 * PBX's hint for it names the phone.
 */
const DeviceSchema = headerSafeText('myDevice').refine(
  (value) => /^[A-Za-z][A-Za-z0-9]*\/[A-Za-z0-9_.@+:-]+(\/[a-z]+)?$/.test(value) || /^[0-9*#+]{1,40}$/.test(value),
  coded('deviceNotPhone', { local: 'Local/200@phones' }),
);

export const RECORDING_PLACEHOLDERS = ['date', 'time', 'caller', 'callee', 'exten', 'uniqueid'] as const;
export type RecordingPlaceholder = (typeof RECORDING_PLACEHOLDERS)[number];
export const DEFAULT_RECORDING_PATTERN = '${date}-${caller}-${exten}';

/**
 * A recording file name (not a path: Asterisk puts it in its monitor directory).
 * Literal text is limited to a safe file-name alphabet so a caller id can never steer the path;
 * placeholders are from RECORDING_PLACEHOLDERS only.
 */
const RecordingPatternSchema = headerSafeText('recordingPattern').superRefine((value, ctx) => {
  const withoutPlaceholders = value.replace(/\$\{([^}]*)\}/g, (_whole, name: string) => {
    if (!(RECORDING_PLACEHOLDERS as readonly string[]).includes(name)) {
      const allowed = RECORDING_PLACEHOLDERS.map((p) => `\${${p}}`).join(', ');
      ctx.addIssue({
        code: 'custom',
        message: argumentSaid('recordingUnknownPlaceholder', { placeholder: `\${${name}}`, allowed }),
      });
    }
    return '';
  });
  if (!/^[A-Za-z0-9_.-]*$/.test(withoutPlaceholders)) {
    ctx.addIssue({ code: 'custom', message: argumentSaid('recordingBadCharacters', { example: '${date}' }) });
  } else if (value.startsWith('.')) {
    ctx.addIssue({ code: 'custom', message: argumentSaid('recordingStartsWithDot', {}) });
  }
});

const LanguageChoiceSchema = choiceOf('language', ['auto', ...LANGUAGES]);

/** An extension's board id, `exten@context`, as the PBX's hints name it. */
function boardExtension(setting: ProfileSetting) {
  return headerSafeText(setting).refine(
    (value) => /^[A-Za-z0-9*#+_.-]{1,64}@[A-Za-z0-9_.-]{1,80}$/.test(value),
    coded('settingNotExtension', { setting, example: '101@internal' }),
  );
}
const FavouritesSchema = z.array(boardExtension('favourite')).max(500, listTooLong('favourites', 500));

export const MAX_OWN_NAME = 80;
/** The operator's own name for an extension, shown on its tile over any name the PBX tells. */
const OwnNameSchema = headerSafeText('ownName').refine(
  (value) => value.length <= MAX_OWN_NAME,
  coded('settingTooLong', { setting: 'ownName', max: MAX_OWN_NAME }),
);
const OwnNamesSchema = z
  .record(boardExtension('namedExtension'), OwnNameSchema, {
    error: (issue) =>
      issue.code === 'invalid_key'
        ? argumentSaid('settingNotExtension', { setting: 'namedExtension', example: '101@internal' })
        : argumentSaid('ownNamesNotList', {}),
  })
  .refine((names) => Object.keys(names).length <= 2000, { error: listTooLong('ownNames', 2000) });

const boardPrefsShape = {
  /** Dialplan contexts whose extensions the board shows; empty = all. */
  contexts: z.array(asteriskName('boardContext')).max(100, listTooLong('boardContexts', 100)),
  /** Free-text filter on extension numbers and names; empty = no filter. */
  extensionFilter: headerSafeText('extensionFilter', { mayBeEmpty: true }),
  grouping: choiceOf('grouping', ['context', 'none']),
  tileSize: choiceOf('tileSize', ['compact', 'normal', 'large']),
  /** The console's language while this profile is logged in; 'auto' keeps the login screen's. */
  language: LanguageChoiceSchema,
  /** Extensions pinned to the favourites group, shown first, in the order pinned. */
  favourites: FavouritesSchema,
  /** Board id → the operator's own name for that extension (it wins over the PBX's names). */
  ownNames: OwnNamesSchema,
};

export const BoardPrefsSchema = z.strictObject({
  ...boardPrefsShape,
  language: LanguageChoiceSchema.default('auto'),
  favourites: FavouritesSchema.default([]),
  ownNames: OwnNamesSchema.default({}),
});
/** Board preferences changed one by one: an absent one stays as it was (no default fills it in). */
const BoardPrefsChangesSchema = z.strictObject(boardPrefsShape).partial();
export type BoardPrefs = z.infer<typeof BoardPrefsSchema>;

export const DEFAULT_BOARD_PREFS: BoardPrefs = {
  contexts: [],
  extensionFilter: '',
  grouping: 'context',
  tileSize: 'normal',
  language: 'auto',
  favourites: [],
  ownNames: {},
};

/** How long a caller may wait in a queue before the panel shows the wait in warning colours. */
export const DEFAULT_QUEUE_WAIT_THRESHOLD_SECONDS = 60;
const MIN_QUEUE_WAIT_SECONDS = 5;
const MAX_QUEUE_WAIT_SECONDS = 3600;
const QueueWaitThresholdSchema = z
  .number(coded('queueWaitNotWhole', {}))
  .refine(Number.isInteger, coded('queueWaitNotWhole', {}))
  .refine((seconds) => seconds >= MIN_QUEUE_WAIT_SECONDS, coded('queueWaitTooShort', { min: MIN_QUEUE_WAIT_SECONDS }))
  .refine((seconds) => seconds <= MAX_QUEUE_WAIT_SECONDS, coded('queueWaitTooLong', { max: MAX_QUEUE_WAIT_SECONDS }));
/** The queues whose callers alert the operator once they wait past the threshold; empty = every queue. */
const WatchedQueuesSchema = z.array(asteriskName('watchedQueue')).max(100, listTooLong('watchedQueues', 100));
/** What the desktop app does while this profile is in use (the browser host has no tray or shortcut). */
export const DesktopPrefsSchema = z.strictObject({
  /** Closing the window keeps the console running in the tray. */
  keepInTray: onOff('keepInTray'),
  /** Switchboard starts when the operator logs in to the computer, connecting with this profile. */
  startAtLogin: onOff('startAtLogin'),
  /** A shortcut that brings the console to the front from any program; empty = none. */
  bringToFrontShortcut: z.string(coded('settingNotText', { setting: 'shortcut' })).superRefine((value, ctx) => {
    const problem = value === '' ? undefined : acceleratorProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: saidAsMessage(problem) });
  }),
});
export type DesktopPrefs = z.infer<typeof DesktopPrefsSchema>;

export const DEFAULT_DESKTOP_PREFS: DesktopPrefs = {
  keepInTray: false,
  startAtLogin: false,
  bringToFrontShortcut: '',
};
const MIN_HISTORY_DAYS = 1;
const MAX_HISTORY_DAYS = 3650;
/** The call history of a profile: whose calls it keeps, and for how many days. */
export const HistoryPrefsSchema = z.strictObject({
  scope: choiceOf('historyScope', HISTORY_SCOPES),
  retentionDays: z
    .number(coded('historyDaysOutOfRange', { min: MIN_HISTORY_DAYS, max: MAX_HISTORY_DAYS }))
    .refine(
      (days) => Number.isInteger(days) && days >= MIN_HISTORY_DAYS && days <= MAX_HISTORY_DAYS,
      coded('historyDaysOutOfRange', { min: MIN_HISTORY_DAYS, max: MAX_HISTORY_DAYS }),
    ),
});
export type HistoryPrefs = z.infer<typeof HistoryPrefsSchema>;

export const DEFAULT_HISTORY_PREFS: HistoryPrefs = { scope: 'mine', retentionDays: 90 };

const DialContextSchema = asteriskName('dialContext');

export const DEFAULT_VOICEMAIL_PATTERN = '*${exten}';
/**
 * What the console dials to reach someone's voicemail: digits and the keypad's `*#+` around `${exten}`
 * (FreePBX and the lab PBX: `*${exten}`).
 */
const VoicemailPatternSchema = headerSafeText('voicemailPattern').refine(
  (value) => /^[0-9*#+]*\$\{exten\}[0-9*#+]*$/.test(value),
  coded('voicemailNotPattern', { placeholder: '${exten}', example: DEFAULT_VOICEMAIL_PATTERN }),
);

/**
 * How the console sets someone's DND: `presence` sets their presence to dnd; `freepbx` sets FreePBX's
 * `DND/<exten>` in AstDB and its `Custom:DND<exten>` device; `auto` takes `freepbx` for a hint with
 * such a device, else `presence`.
 */
export const DND_METHODS = ['auto', 'presence', 'freepbx'] as const;
export type DndMethod = (typeof DND_METHODS)[number];
const DndMethodSchema = choiceOf('dndMethod', DND_METHODS);
const ParkingLotSchema = asteriskName('parkingLot');

/** The fields an operator edits on the login screen: exactly what the renderer may send. */
const draftShape = {
  displayName: DisplayNameSchema,
  host: HostSchema,
  port: PortSchema,
  tls: TlsSettingsSchema,
  username: UsernameSchema,
  authType: AuthTypeSchema,
  /** Absent: the console watches only (no click-to-dial from "my" phone). */
  myDevice: DeviceSchema.optional(),
  dialContext: DialContextSchema,
  parkingLot: ParkingLotSchema,
  recordingPattern: RecordingPatternSchema,
  board: BoardPrefsSchema,
  /** Absent: DEFAULT_QUEUE_WAIT_THRESHOLD_SECONDS. */
  queueWaitThresholdSeconds: QueueWaitThresholdSchema.optional(),
  /** Absent or empty: every queue the AMI user can see is watched. */
  watchedQueues: WatchedQueuesSchema.default([]),
  desktop: DesktopPrefsSchema,
  voicemailPattern: VoicemailPatternSchema.default(DEFAULT_VOICEMAIL_PATTERN),
  dndMethod: DndMethodSchema.default('auto'),
  /** Listening in, whispering and barging on calls (ChanSpy): off unless the operator may. */
  listenIn: onOff('listenIn').default(false),
  /** A ring sound in the console while my phone rings. */
  ringSound: onOff('ringSound').default(false),
  history: HistoryPrefsSchema,
};

/**
 * What the renderer sends to create a profile. Unknown keys are refused (a page that sends
 * `secret` in a draft gets an error, not a silently dropped field). Omitted optional settings
 * take their defaults.
 */
export const ProfileDraftSchema = z.strictObject({
  ...draftShape,
  port: PortSchema.default(DEFAULT_AMI_PORT),
  tls: TlsSettingsSchema.default({ enabled: false }),
  authType: AuthTypeSchema.default(DEFAULT_AUTH_TYPE),
  dialContext: DialContextSchema.default('default'),
  parkingLot: ParkingLotSchema.default('default'),
  recordingPattern: RecordingPatternSchema.default(DEFAULT_RECORDING_PATTERN),
  board: BoardPrefsSchema.default(DEFAULT_BOARD_PREFS),
  desktop: DesktopPrefsSchema.default(DEFAULT_DESKTOP_PREFS),
  history: HistoryPrefsSchema.default(DEFAULT_HISTORY_PREFS),
});
export type ProfileDraftInput = z.input<typeof ProfileDraftSchema>;

/**
 * What the renderer sends to edit a profile: only the fields that changed; board preferences
 * field by field, so the board changing the tile size never undoes an edit made on the login screen.
 * `myDevice: null` removes the device.
 */
export const ProfileChangesSchema = z.strictObject({
  displayName: draftShape.displayName.optional(),
  host: draftShape.host.optional(),
  port: draftShape.port.optional(),
  tls: draftShape.tls.optional(),
  username: draftShape.username.optional(),
  authType: draftShape.authType.optional(),
  myDevice: DeviceSchema.nullable().optional(),
  dialContext: draftShape.dialContext.optional(),
  parkingLot: draftShape.parkingLot.optional(),
  recordingPattern: draftShape.recordingPattern.optional(),
  // Without defaults, so that changing the tile size never resets the language or the favourites.
  board: BoardPrefsChangesSchema.optional(),
  queueWaitThresholdSeconds: QueueWaitThresholdSchema.optional(),
  watchedQueues: WatchedQueuesSchema.optional(),
  desktop: DesktopPrefsSchema.partial().optional(),
  voicemailPattern: VoicemailPatternSchema.optional(),
  dndMethod: DndMethodSchema.optional(),
  listenIn: onOff('listenIn').optional(),
  ringSound: onOff('ringSound').optional(),
  history: HistoryPrefsSchema.partial().optional(),
});
export type ProfileChanges = z.infer<typeof ProfileChangesSchema>;

export const UserProfileSchema = z.strictObject({
  kind: z.literal('user'),
  id: UserProfileIdSchema,
  ...draftShape,
  // Profiles saved before the desktop settings existed take the defaults.
  desktop: DesktopPrefsSchema.default(DEFAULT_DESKTOP_PREFS),
  // Profiles saved before the call history existed keep their calls the default way.
  history: HistoryPrefsSchema.default(DEFAULT_HISTORY_PREFS),
});
export type UserProfile = z.infer<typeof UserProfileSchema>;

type SecretTarget = Pick<UserProfile, 'host' | 'port' | 'tls' | 'authType'>;

/**
 * What a secret belongs to: the server (host, port, TLS and the certificate it trusts) and the login
 * method it was typed for, as one string to compare.
 */
export function secretTargetOf(profile: SecretTarget): string {
  const { tls } = profile;
  const trust = tls.enabled ? [tls.caFile ?? null, tls.serverName ?? null] : [];
  return JSON.stringify([profile.host, profile.port, profile.authType, tls.enabled, ...trust]);
}

/** Whether these changes point the profile at another server or login method: its secret then goes. */
export function changesSecretTarget(profile: SecretTarget, changes: ProfileChanges): boolean {
  const changed = {
    host: changes.host ?? profile.host,
    port: changes.port ?? profile.port,
    tls: changes.tls ?? profile.tls,
    authType: changes.authType ?? profile.authType,
  };
  return secretTargetOf(changed) !== secretTargetOf(profile);
}

/**
 * The built-in Demo PBX. Not stored, not editable, needs no secret; its host and port are chosen
 * at connect time, when the app starts the in-process simulator.
 */
export interface DemoProfile {
  readonly kind: 'demo';
  readonly id: typeof DEMO_PROFILE_ID;
  readonly displayName: string;
  readonly username: string;
  readonly authType: AuthType;
  readonly myDevice: string;
  readonly dialContext: string;
  readonly parkingLot: string;
  readonly recordingPattern: string;
  readonly board: Readonly<BoardPrefs>;
  readonly queueWaitThresholdSeconds?: number;
  readonly watchedQueues: readonly string[];
  readonly desktop: Readonly<DesktopPrefs>;
  readonly voicemailPattern: string;
  readonly dndMethod: DndMethod;
  readonly listenIn: boolean;
  readonly ringSound: boolean;
  readonly history: Readonly<HistoryPrefs>;
}

export const DEMO_PROFILE: DemoProfile = Object.freeze({
  kind: 'demo',
  id: DEMO_PROFILE_ID,
  displayName: 'Demo PBX',
  username: 'demo',
  authType: 'md5',
  // The demo office's reception desk (src-main/sim/office.ts).
  myDevice: 'PJSIP/100',
  dialContext: 'internal',
  parkingLot: 'default',
  recordingPattern: DEFAULT_RECORDING_PATTERN,
  board: Object.freeze({ ...DEFAULT_BOARD_PREFS, contexts: [] }),
  // The demo office's queue callers turn amber within a short look.
  queueWaitThresholdSeconds: 30,
  watchedQueues: [],
  desktop: Object.freeze({ ...DEFAULT_DESKTOP_PREFS }),
  voicemailPattern: DEFAULT_VOICEMAIL_PATTERN,
  dndMethod: 'auto',
  // The demo's operator may listen in: the simulated office is hers.
  listenIn: true,
  ringSound: false,
  history: Object.freeze({ ...DEFAULT_HISTORY_PREFS }),
});

export type AnyProfile = UserProfile | DemoProfile;
