import type { Refusal, RefusalOf } from './refusals';

/**
 * The profiles room's plain data that crosses IPC as it is. The contract imports these types, and
 * the renderer's typecheck reads this file, so nothing here may need Node.
 */

/** Something the operator should be told about the profiles file, even though the app carried on. */
export type ProfileProblem =
  | {
      readonly kind: 'recoveredFromCorruptFile';
      /** Where the file was kept, byte for byte as found. */
      readonly backupPath: string;
      /** How many profiles were still good and kept. */
      readonly keptProfiles: number;
      /** What happened, for the page to word; then each reason the file could not be used. */
      readonly said: Refusal;
      readonly problems: readonly Refusal[];
      /** The whole story in English, for the log. */
      readonly message: string;
    }
  | {
      readonly kind: 'fileFromNewerVersion';
      readonly fileVersion: number;
      readonly said: Refusal;
      readonly message: string;
    };

export interface ImportReport {
  readonly imported: readonly { readonly id: string; readonly displayName: string }[];
  /** Imported under another name because the name was taken. */
  readonly renamed: readonly { readonly from: string; readonly to: string }[];
  /** Not imported, and why. `position` counts from 1 in the file's list. */
  readonly skipped: readonly { readonly position: number; readonly displayName?: string; readonly reason: Refusal }[];
}

/** Why the keychain could not be used, for the page to word. */
export type KeychainUnavailable = RefusalOf<'keychainUnavailable'>;

/** Whether the OS keychain answers; `reason` is for the operator, worded by the page. */
export type VaultAvailability =
  { readonly kind: 'available' } | { readonly kind: 'unavailable'; readonly reason: KeychainUnavailable };

export type SaveSecretResult =
  /** In the keychain; also kept for this session. */
  | { readonly kind: 'remembered' }
  /** The operator asked not to remember it: kept for this session only; any saved one was forgotten. */
  | { readonly kind: 'sessionOnly' }
  /** Remembering was asked but the keychain could not take it: kept for this session only. */
  | { readonly kind: 'notRemembered'; readonly reason: KeychainUnavailable }
  | { readonly kind: 'noSecretNeeded' }
  | { readonly kind: 'unknownProfile' }
  | { readonly kind: 'invalidSecret'; readonly said: Refusal }
  /** Typed for the server the profile pointed at before an edit: not kept for the new one. */
  | { readonly kind: 'serverChanged'; readonly said: Refusal };

export type RepointResult =
  /** The change leaves the server and login method as they were. */
  { readonly kind: 'unchanged' } | ForgetSecretResult;

export type ForgetSecretResult =
  | { readonly kind: 'forgotten' }
  /** Dropped from this session, but the keychain could not be reached to remove a saved one. */
  | { readonly kind: 'vaultUnavailable'; readonly reason: KeychainUnavailable };

export type DeleteProfileResult =
  | { readonly kind: 'deleted' }
  | { readonly kind: 'alreadyGone' }
  /** The profile is gone; its saved secret could not be removed because the keychain is unreachable. */
  | { readonly kind: 'deletedSecretKept'; readonly reason: Refusal };
