/**
 * What main says about a profile's settings and the login screen's secret, as reasons and the
 * values their words fill in (the `profileField` group of src-shared/refusals.ts). `setting` is
 * the setting a problem is about, worded from its own table (`profileField.setting.<setting>`).
 */
export const PROFILE_FIELD_VALUES = {
  // Any text setting.
  settingMissing: ['setting'],
  settingNotText: ['setting'],
  settingHasLineBreak: ['setting'],
  settingEdgeSpaces: ['setting'],
  settingEmpty: ['setting'],
  settingTooLong: ['setting', 'max'],
  settingNotName: ['setting'],
  settingNotExtension: ['setting', 'example'],
  // One setting each.
  hostNotHost: [],
  portNotInRange: [],
  usernameHasSpaces: [],
  deviceNotPhone: ['local'],
  recordingUnknownPlaceholder: ['placeholder', 'allowed'],
  recordingBadCharacters: ['example'],
  recordingStartsWithDot: [],
  voicemailNotPattern: ['placeholder', 'example'],
  queueWaitNotWhole: [],
  queueWaitTooShort: ['min'],
  queueWaitTooLong: ['max'],
  historyDaysOutOfRange: ['min', 'max'],
  shortcutTooLong: [],
  shortcutNeedsModifiersAndKey: ['example'],
  shortcutUnknownModifier: [],
  shortcutModifierTwice: [],
  shortcutNotKey: ['key'],
  unknownSettings: ['names'],
  // The secret, as typed or saved.
  secretEmpty: [],
  secretTooLong: ['max'],
  secretHasLineBreak: [],
  secretTooLongForPlain: ['max'],
  // Logging in with a profile.
  noSecretSaved: [],
  secretForAnotherServer: [],
  serverChangedWhileTyping: [],
  profileGone: [],
  secretProfileGone: [],
  demoNeedsNoSecret: [],
  // The keychain, when it cannot be used: why (`profileField.keychain.<keychain>`), and what it kept from happening.
  keychainUnavailable: ['keychain'],
  repointNeedsKeychain: ['keychain'],
  secretMayRemain: ['service', 'account'],
  // The profiles themselves.
  nameTaken: ['name'],
  profileDeleted: [],
  demoNotEdited: [],
  demoNotDuplicated: [],
  demoNotDeleted: [],
  importNotJson: [],
  importFromNewer: ['version'],
  importNotExport: ['why'],
  importTooLarge: [],
  // Why a file is not a profiles file (an export, or the one on disk): `why` of importNotExport and profilesFileNotProfiles.
  notJsonObject: [],
  noSchemaVersion: [],
  unknownSchemaVersion: ['version'],
  anotherProgramsFile: [],
  noProfileList: [],
  // The profiles file on disk: kept aside and replaced when it cannot be used, with each problem found.
  profilesFileRecovered: ['backupPath'],
  profilesFileRecoveredKept: ['backupPath', 'kept'],
  profilesFileNotJson: [],
  profilesFileNotProfiles: ['why'],
  profileNumberRefused: ['position', 'why'],
  namedProfileRefused: ['name', 'why'],
  profileNumberRepeatsId: ['position'],
  namedProfileRepeatsId: ['name'],
  lastUsedNotId: [],
  profilesFileFromNewer: ['version'],
  // The profiles file refusing a change.
  profilesFileNewerUnchanged: [],
  profilesFileBusy: [],
  profilesFileUnlockable: ['detail'],
  profilesFileUnreadable: ['detail'],
  profilesFileUncopied: ['detail'],
  profilesFileUnsaved: ['detail'],
  // A profile an import left out.
  notAProfile: [],
  demoNotImported: [],
  containsSecret: ['keys'],
  settingNotAccepted: ['name'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/** The text settings a problem may name. */
export const PROFILE_SETTINGS = [
  'displayName',
  'host',
  'caFile',
  'serverName',
  'username',
  'myDevice',
  'dialContext',
  'parkingLot',
  'recordingPattern',
  'voicemailPattern',
  'boardContext',
  'extensionFilter',
  'favourite',
  'namedExtension',
  'ownName',
  'watchedQueue',
] as const;
export type ProfileSetting = (typeof PROFILE_SETTINGS)[number];

/** Why the keychain could not be used: no Secret Service, it refused (locked), or no keytar in this copy. */
export const KEYCHAIN_TROUBLES = ['noService', 'refused', 'noSupport'] as const;
export type KeychainTrouble = (typeof KEYCHAIN_TROUBLES)[number];
