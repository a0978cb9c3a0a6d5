import { DEMO_PROFILE_ID, type UserProfile } from '../../src-shared/profile';
import type { ImportReport } from '../../src-shared/profile-results';
import { CURRENT_SCHEMA_VERSION, isJsonObject } from './migrations';
import { refusal, type Refusal } from '../../src-shared/refusals';
import { ProfileError } from './profile-error';
import { freeName, type ProfilesDocument } from './profiles-document';
import { checkProfile, entryName, readProfiles } from './read-profiles';

const EXPORT_FORMAT = 'switchboard-profiles';

/** Profiles as JSON for another desk. Profiles never contain secrets. */
export function exportProfiles(profiles: readonly UserProfile[], exportedAt: Date): string {
  const exported = {
    format: EXPORT_FORMAT,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    exportedAt: exportedAt.toISOString(),
    profiles,
  };
  return `${JSON.stringify(exported, null, 2)}\n`;
}

/** The entries of an exported file (any known schema version), each still to be checked on its own. */
export function readExport(text: string): readonly unknown[] {
  const read = readProfiles(text, EXPORT_FORMAT);
  switch (read.kind) {
    case 'read':
      return read.entries;
    case 'notJson':
      throw new ProfileError('invalid', refusal('importNotJson', {}));
    case 'newerVersion':
      throw new ProfileError('fileFromNewerVersion', refusal('importFromNewer', { version: read.fileVersion }));
    case 'unrecognised':
      throw new ProfileError('invalid', refusal('importNotExport', { why: read.why }));
  }
}

/**
 * Adds the exported entries to `document`. Each one is validated on its own; a clash of id gets a
 * new id, a clash of name a " (2)" suffix. A profile carrying a secret, an unknown setting or an
 * invalid value is skipped and said why.
 */
export function addImported(
  document: ProfilesDocument,
  entries: readonly unknown[],
  newId: () => string,
): ImportReport {
  const imported: { id: string; displayName: string }[] = [];
  const renamed: { from: string; to: string }[] = [];
  const skipped: { position: number; displayName?: string; reason: Refusal }[] = [];
  entries.forEach((entry, index) => {
    const position = index + 1;
    const displayName = entryName(entry);
    const skip = (reason: Refusal) => skipped.push({ position, ...(displayName ? { displayName } : {}), reason });
    if (!isJsonObject(entry)) return skip(refusal('notAProfile', {}));
    if (entry['kind'] === 'demo' || entry['id'] === DEMO_PROFILE_ID) return skip(refusal('demoNotImported', {}));
    const secretKeys = Object.keys(entry).filter((key) => /secret|password/i.test(key));
    if (secretKeys.length > 0) return skip(refusal('containsSecret', { keys: secretKeys.join(', ') }));
    const candidate = { kind: 'user', ...entry, id: entry['id'] ?? newId() };
    const checked = checkProfile(candidate);
    if (!checked.ok) return skip(checked.said);
    const { profile } = checked;
    if (document.profiles.some((existing) => existing.id === profile.id)) profile.id = newId();
    const name = freeName(document, profile.displayName);
    if (name !== profile.displayName) renamed.push({ from: profile.displayName, to: name });
    profile.displayName = name;
    document.profiles.push(profile);
    imported.push({ id: profile.id, displayName: profile.displayName });
  });
  return { imported, renamed, skipped };
}
