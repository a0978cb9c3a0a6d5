/**
 * Schema versions of the profiles file (and of exported profile files, which share the layout).
 * Each step turns a document of version N into version N+1 without validating it: validation
 * happens once, on the current version, so a bad value is reported by the same plain messages
 * whatever version it came from.
 *
 * Version 1 (Switchboard 0.x):
 *   { version: 1, lastUsed?: id, profiles: [{ id, name, host, port, tls: boolean, username,
 *     md5: boolean, secretSaved: boolean, device?, context?, parkingLot?, recordingPattern? }] }
 * Version 2 (current):
 *   { schemaVersion: 2, lastUsedProfileId?: id, profiles: [UserProfile] }
 *   `secretSaved` is gone: the keychain is the only truth about a secret.
 */

import { DEFAULT_BOARD_PREFS, DEFAULT_RECORDING_PATTERN } from '../../src-shared/profile';
import { refusal, type Refusal } from '../../src-shared/refusals';

export const CURRENT_SCHEMA_VERSION = 2;

type JsonObject = Record<string, unknown>;

export type MigrationResult =
  | { kind: 'current'; document: JsonObject; fromVersion: number }
  | { kind: 'newerVersion'; fileVersion: number }
  | { kind: 'unrecognised'; why: Refusal };

const steps: Record<number, (document: JsonObject) => JsonObject> = {
  1: migrateV1ToV2,
};

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The version a document declares: `schemaVersion` from v2 on, `version` in v1. */
function schemaVersionOf(document: JsonObject): number | undefined {
  const declared = document['schemaVersion'] ?? document['version'];
  return typeof declared === 'number' && Number.isInteger(declared) && declared >= 1 ? declared : undefined;
}

export function migrateToCurrent(document: unknown): MigrationResult {
  if (!isJsonObject(document)) return { kind: 'unrecognised', why: refusal('notJsonObject', {}) };
  const fromVersion = schemaVersionOf(document);
  if (fromVersion === undefined) return { kind: 'unrecognised', why: refusal('noSchemaVersion', {}) };
  if (fromVersion > CURRENT_SCHEMA_VERSION) return { kind: 'newerVersion', fileVersion: fromVersion };
  let migrated = document;
  for (let version = fromVersion; version < CURRENT_SCHEMA_VERSION; version++) {
    const step = steps[version];
    if (!step) return { kind: 'unrecognised', why: refusal('unknownSchemaVersion', { version }) };
    migrated = step(migrated);
  }
  return { kind: 'current', document: migrated, fromVersion };
}

function migrateV1ToV2(document: JsonObject): JsonObject {
  const { version: _version, lastUsed, profiles, ...rest } = document;
  return {
    ...rest,
    schemaVersion: 2,
    ...(lastUsed === undefined ? {} : { lastUsedProfileId: lastUsed }),
    profiles: Array.isArray(profiles) ? profiles.map(migrateProfileV1ToV2) : profiles,
  };
}

function migrateProfileV1ToV2(entry: unknown): unknown {
  if (!isJsonObject(entry)) return entry;
  const { name, md5, tls, secretSaved: _secretSaved, device, context, parkingLot, recordingPattern, ...rest } = entry;
  return {
    ...rest,
    kind: 'user',
    displayName: name,
    authType: md5 === false ? 'plain' : 'md5',
    tls: { enabled: tls === true },
    ...(device === undefined || device === '' ? {} : { myDevice: device }),
    dialContext: context ?? 'default',
    parkingLot: parkingLot ?? 'default',
    recordingPattern: recordingPattern ?? DEFAULT_RECORDING_PATTERN,
    board: { ...DEFAULT_BOARD_PREFS, contexts: [] },
  };
}
