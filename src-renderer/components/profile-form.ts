import type { ProfileSummary } from '../../src-preload/contract';
import {
  DEFAULT_AMI_PORT,
  DEFAULT_AUTH_TYPE,
  DEFAULT_BOARD_PREFS,
  DEFAULT_DESKTOP_PREFS,
  DEFAULT_HISTORY_PREFS,
  DEFAULT_QUEUE_WAIT_THRESHOLD_SECONDS,
  DEFAULT_VOICEMAIL_PATTERN,
  type AuthType,
  type BoardPrefs,
  type DesktopPrefs,
  type DndMethod,
  type HistoryPrefs,
} from '../../src-shared/profile';
import type { ProfileChanges, ProfileDraft } from '../stores/profiles';

export type UserProfileSummary = Extract<ProfileSummary, { kind: 'user' }>;

/** A comma-separated list as typed, without the empty entries. */
const listOf = (typed: string) =>
  typed
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

/** The profile editor's fields as the operator types them. Main validates; the page only shapes. */
export interface ProfileForm {
  displayName: string;
  host: string;
  port: number;
  username: string;
  authType: AuthType;
  tls: boolean;
  serverName: string;
  myDevice: string;
  dialContext: string;
  parkingLot: string;
  recordingPattern: string;
  contexts: string;
  extensionFilter: string;
  grouping: BoardPrefs['grouping'];
  tileSize: BoardPrefs['tileSize'];
  language: BoardPrefs['language'];
  keepInTray: boolean;
  startAtLogin: boolean;
  bringToFrontShortcut: string;
  historyScope: HistoryPrefs['scope'];
  historyRetentionDays: number;
  voicemailPattern: string;
  dndMethod: DndMethod;
  listenIn: boolean;
  ringSound: boolean;
  queueWaitThresholdSeconds: number;
  /** Comma-separated queue names; empty watches every queue. */
  watchedQueues: string;
}

/** The receptionist's settings, each sent as typed (main validates) when it differs from the saved one. */
const RECEPTIONIST_KEYS = [
  'voicemailPattern',
  'dndMethod',
  'listenIn',
  'ringSound',
  'queueWaitThresholdSeconds',
] as const;

/** A profile saved without a threshold waits the default time (see the profile's schema). */
const savedQueueWaitThreshold = (profile: UserProfileSummary | undefined) =>
  profile?.queueWaitThresholdSeconds ?? DEFAULT_QUEUE_WAIT_THRESHOLD_SECONDS;

export function formFor(profile: UserProfileSummary | undefined): ProfileForm {
  const tls = profile?.tls;
  return {
    displayName: profile?.displayName ?? '',
    host: profile?.host ?? '',
    port: profile?.port ?? DEFAULT_AMI_PORT,
    username: profile?.username ?? '',
    authType: profile?.authType ?? DEFAULT_AUTH_TYPE,
    tls: tls?.enabled ?? false,
    serverName: tls?.enabled ? (tls.serverName ?? '') : '',
    myDevice: profile?.myDevice ?? '',
    dialContext: profile?.dialContext ?? '',
    parkingLot: profile?.parkingLot ?? '',
    recordingPattern: profile?.recordingPattern ?? '',
    contexts: profile?.board.contexts.join(', ') ?? '',
    extensionFilter: profile?.board.extensionFilter ?? '',
    grouping: profile?.board.grouping ?? DEFAULT_BOARD_PREFS.grouping,
    tileSize: profile?.board.tileSize ?? DEFAULT_BOARD_PREFS.tileSize,
    language: profile?.board.language ?? DEFAULT_BOARD_PREFS.language,
    ...(profile?.desktop ?? DEFAULT_DESKTOP_PREFS),
    historyScope: profile?.history.scope ?? DEFAULT_HISTORY_PREFS.scope,
    historyRetentionDays: profile?.history.retentionDays ?? DEFAULT_HISTORY_PREFS.retentionDays,
    voicemailPattern: profile?.voicemailPattern ?? DEFAULT_VOICEMAIL_PATTERN,
    dndMethod: profile?.dndMethod ?? 'auto',
    listenIn: profile?.listenIn ?? false,
    ringSound: profile?.ringSound ?? false,
    queueWaitThresholdSeconds: savedQueueWaitThreshold(profile),
    watchedQueues: profile?.watchedQueues.join(', ') ?? '',
  };
}

/**
 * A whole profile from the form. Empty optional settings are left out, so main fills in its
 * defaults; `caFile` (set in an admin's export file) is kept while TLS stays on.
 */
export function draftFrom(
  form: ProfileForm,
  caFile?: string,
): ProfileDraft &
  Required<
    Pick<ProfileDraft, 'tls' | 'board' | 'desktop' | 'history' | 'watchedQueues' | (typeof RECEPTIONIST_KEYS)[number]>
  > {
  const serverName = form.serverName.trim();
  const myDevice = form.myDevice.trim();
  const optional = (key: 'dialContext' | 'parkingLot' | 'recordingPattern') => {
    const value = form[key].trim();
    return value ? { [key]: value } : {};
  };
  return {
    displayName: form.displayName.trim(),
    host: form.host.trim(),
    port: Number(form.port),
    username: form.username.trim(),
    authType: form.authType,
    tls: form.tls
      ? { enabled: true, ...(serverName ? { serverName } : {}), ...(caFile ? { caFile } : {}) }
      : { enabled: false },
    ...(myDevice ? { myDevice } : {}),
    ...optional('dialContext'),
    ...optional('parkingLot'),
    ...optional('recordingPattern'),
    board: {
      contexts: listOf(form.contexts),
      extensionFilter: form.extensionFilter.trim(),
      grouping: form.grouping,
      tileSize: form.tileSize,
      language: form.language,
    },
    desktop: {
      keepInTray: form.keepInTray,
      startAtLogin: form.startAtLogin,
      bringToFrontShortcut: form.bringToFrontShortcut.trim(),
    },
    history: { scope: form.historyScope, retentionDays: Number(form.historyRetentionDays) },
    voicemailPattern: form.voicemailPattern.trim(),
    dndMethod: form.dndMethod,
    listenIn: form.listenIn,
    ringSound: form.ringSound,
    queueWaitThresholdSeconds: Number(form.queueWaitThresholdSeconds),
    watchedQueues: listOf(form.watchedQueues),
  };
}

/** Deep equality of plain data, whatever the order of keys. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => same(Reflect.get(a, key), Reflect.get(b, key)));
}

/** Only what the operator changed, so an edit never undoes a change made meanwhile elsewhere. */
export function changesFrom(form: ProfileForm, original: UserProfileSummary): ProfileChanges {
  const draft = draftFrom(form, original.tls.enabled ? original.tls.caFile : undefined);
  const changes: ProfileChanges = {};
  for (const key of [
    'displayName',
    'host',
    'port',
    'username',
    'authType',
    'tls',
    'dialContext',
    'parkingLot',
    'recordingPattern',
  ] as const) {
    if (draft[key] !== undefined && !same(draft[key], original[key])) Object.assign(changes, { [key]: draft[key] });
  }
  if (draft.myDevice !== original.myDevice) changes.myDevice = draft.myDevice ?? null;
  const saved = { ...original, queueWaitThresholdSeconds: savedQueueWaitThreshold(original) };
  for (const key of RECEPTIONIST_KEYS) {
    if (draft[key] !== saved[key]) Object.assign(changes, { [key]: draft[key] });
  }
  if (!same(draft.watchedQueues, original.watchedQueues)) changes.watchedQueues = draft.watchedQueues;
  const board = Object.fromEntries(
    Object.entries(draft.board).filter(
      ([key, value]) => !same(value, original.board[key as keyof typeof original.board]),
    ),
  );
  if (Object.keys(board).length > 0) changes.board = board;
  const desktop: Partial<DesktopPrefs> = Object.fromEntries(
    Object.entries(draft.desktop).filter(([key, value]) => value !== original.desktop[key as keyof DesktopPrefs]),
  );
  if (Object.keys(desktop).length > 0) changes.desktop = desktop;
  const history: Partial<HistoryPrefs> = Object.fromEntries(
    Object.entries(draft.history).filter(([key, value]) => value !== original.history[key as keyof HistoryPrefs]),
  );
  if (Object.keys(history).length > 0) changes.history = history;
  return changes;
}
