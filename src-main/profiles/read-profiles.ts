import { UserProfileSchema, type UserProfile } from '../../src-shared/profile';
import { refusal, type Refusal } from '../../src-shared/refusals';
import { saidOf } from '../../src-shared/argument-said';
import { describeIssues } from '../english-words';
import { isJsonObject, migrateToCurrent } from './migrations';

/**
 * How the text of a profiles file is read, for the file on disk and for an exported file (they
 * share the layout): parsed, upgraded to the current schema version, its list of profiles found.
 * Each entry is still to be checked with `checkProfile`.
 */
export type ReadProfiles =
  | { readonly kind: 'read'; readonly document: Record<string, unknown>; readonly entries: readonly unknown[] }
  /** Not JSON: the parser's own English is left out (the page words the refusal in the operator's language). */
  | { readonly kind: 'notJson' }
  | { readonly kind: 'newerVersion'; readonly fileVersion: number }
  | { readonly kind: 'unrecognised'; readonly why: Refusal };

/** `format`: the value an exported file declares, refused before anything else when it differs. */
export function readProfiles(text: string, format?: string): ReadProfiles {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'notJson' };
  }
  if (format !== undefined && isJsonObject(json) && json['format'] !== undefined && json['format'] !== format) {
    return { kind: 'unrecognised', why: refusal('anotherProgramsFile', {}) };
  }
  const migration = migrateToCurrent(json);
  if (migration.kind !== 'current') return migration;
  const entries = migration.document['profiles'];
  if (!Array.isArray(entries)) return { kind: 'unrecognised', why: refusal('noProfileList', {}) };
  return { kind: 'read', document: migration.document, entries };
}

/** The name an entry gives itself, if any: for saying which one was refused. */
export function entryName(entry: unknown): string | undefined {
  return isJsonObject(entry) && typeof entry['displayName'] === 'string' ? entry['displayName'] : undefined;
}

/**
 * One entry against the profile schema: what is wrong with it in English, and coded, the first
 * problem (a check's own, or the setting as the file names it).
 */
export function checkProfile(
  entry: unknown,
):
  | { readonly ok: true; readonly profile: UserProfile }
  | { readonly ok: false; readonly reason: string; readonly said: Refusal } {
  const result = UserProfileSchema.safeParse(entry);
  if (result.success) return { ok: true, profile: result.data };
  const { issues } = result.error;
  const said =
    issues.map(saidOf).find((found) => found !== undefined) ??
    refusal('settingNotAccepted', { name: issues[0]?.path.join('.') ?? '' });
  return { ok: false, reason: describeIssues(result.error), said };
}
