import { DEMO_PROFILE, type UserProfile } from '../../src-shared/profile';
import { CURRENT_SCHEMA_VERSION } from './migrations';
import { refusal } from '../../src-shared/refusals';
import { ProfileError } from './profile-error';

const MAX_DISPLAY_NAME = 200;

/** What `profiles.json` holds, as the store changes it. */
export interface ProfilesDocument {
  schemaVersion: typeof CURRENT_SCHEMA_VERSION;
  lastUsedProfileId?: string;
  profiles: UserProfile[];
}

export function emptyDocument(): ProfilesDocument {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, profiles: [] };
}

export function serialise(document: ProfilesDocument): string {
  const ordered = {
    schemaVersion: document.schemaVersion,
    lastUsedProfileId: document.lastUsedProfileId,
    profiles: document.profiles,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function sameName(a: string, b: string): boolean {
  return a.toLocaleLowerCase() === b.toLocaleLowerCase();
}

function nameTaken(document: ProfilesDocument, name: string, exceptId?: string): boolean {
  return (
    sameName(name, DEMO_PROFILE.displayName) ||
    document.profiles.some((profile) => profile.id !== exceptId && sameName(profile.displayName, name))
  );
}

export function assertNameFree(document: ProfilesDocument, name: string, exceptId?: string): void {
  if (nameTaken(document, name, exceptId)) {
    throw new ProfileError('nameTaken', refusal('nameTaken', { name }));
  }
}

/** `wanted`, or `wanted (2)`, `wanted (3)`... whichever is free first. */
export function freeName(document: ProfilesDocument, wanted: string): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const candidate = `${wanted.slice(0, MAX_DISPLAY_NAME - suffix.length).trimEnd()}${suffix}`;
    if (!nameTaken(document, candidate)) return candidate;
  }
}
