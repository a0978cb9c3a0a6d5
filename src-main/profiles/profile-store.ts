import { randomUUID } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { LockFileBusyError, isProcessRunning, withLockFile } from './lock-file';
import { CURRENT_SCHEMA_VERSION, isJsonObject, migrateToCurrent } from './migrations';
import {
  DEMO_PROFILE,
  DEMO_PROFILE_ID,
  ProfileChangesSchema,
  ProfileDraftSchema,
  UserProfileSchema,
  describeIssues,
  type AnyProfile,
  type ProfileChanges,
  type ProfileDraftInput,
  type UserProfile,
} from '../../src-shared/profile';
import type { ProfileErrorCode } from '../../src-shared/error-codes';
import type { ImportReport, ProfileProblem } from '../../src-shared/profile-results';
import { nodeProfileFileSystem, type ProfileFileSystem } from './profile-file-system';

export const PROFILES_FILE_NAME = 'profiles.json';
const EXPORT_FORMAT = 'switchboard-profiles';
const MAX_DISPLAY_NAME = 200;

/** A refusal with a message written for the operator; `code` lets the UI pick a treatment. */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
  constructor(
    readonly code: ProfileErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What the login screen needs in one read. */
export interface ProfilesSnapshot {
  /** The built-in Demo PBX first, then the operator's profiles in file order. */
  readonly profiles: readonly AnyProfile[];
  /** Only ever the id of a profile in `profiles`. */
  readonly lastUsedProfileId: string | undefined;
}

export interface ProfileStoreOptions {
  /** The app's user-data folder (Electron's `app.getPath('userData')`, passed in by the caller). */
  readonly userDataDir: string;
  readonly fileSystem?: ProfileFileSystem;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

interface ProfilesDocument {
  schemaVersion: typeof CURRENT_SCHEMA_VERSION;
  lastUsedProfileId?: string;
  profiles: UserProfile[];
}

type LoadedFile =
  | { readonly writable: true; readonly document: ProfilesDocument }
  | { readonly writable: false; readonly fileVersion: number };

/**
 * The operator's login profiles in `<userData>/profiles.json`. Never holds a secret.
 *
 * Every call re-reads the file under a per-file mutex (shared by all stores of this process) and a
 * lock file (shared with other processes), and every change is applied as an operation to what is on
 * disk right now, then written atomically (temp file in the same folder, fsync, rename; mode 0600).
 * Two windows, or two Switchboards, saving at once therefore both keep their change. A file that cannot be used is kept aside and reported, never overwritten.
 */
export class ProfileStore {
  readonly filePath: string;
  private readonly fs: ProfileFileSystem;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly reported: ProfileProblem[] = [];
  private readonly problemListeners = new Set<(problem: ProfileProblem) => void>();
  private staleTempFilesChecked = false;
  private newerVersionReported = false;

  constructor(options: ProfileStoreOptions) {
    this.filePath = resolve(options.userDataDir, PROFILES_FILE_NAME);
    this.fs = options.fileSystem ?? nodeProfileFileSystem;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  /** Problems reported so far (for a window that opens after they happened). */
  problems(): readonly ProfileProblem[] {
    return [...this.reported];
  }

  /** Calls `listener` for each new problem; returns the unsubscribe. */
  onProblem(listener: (problem: ProfileProblem) => void): () => void {
    this.problemListeners.add(listener);
    return () => this.problemListeners.delete(listener);
  }

  async snapshot(): Promise<ProfilesSnapshot> {
    const loaded = await this.withFileLock(() => this.load());
    if (!loaded.writable) return { profiles: [DEMO_PROFILE], lastUsedProfileId: undefined };
    const { profiles, lastUsedProfileId } = loaded.document;
    const lastUsedExists =
      lastUsedProfileId === DEMO_PROFILE_ID || profiles.some((profile) => profile.id === lastUsedProfileId);
    return { profiles: [DEMO_PROFILE, ...profiles], lastUsedProfileId: lastUsedExists ? lastUsedProfileId : undefined };
  }

  async list(): Promise<readonly AnyProfile[]> {
    return (await this.snapshot()).profiles;
  }

  async get(id: string): Promise<AnyProfile | undefined> {
    return (await this.list()).find((profile) => profile.id === id);
  }

  async create(draft: ProfileDraftInput): Promise<UserProfile> {
    const parsed = parseOrRefuse(ProfileDraftSchema, draft);
    return this.change((document) => {
      assertNameFree(document, parsed.displayName);
      const profile: UserProfile = { kind: 'user', id: this.newId(), ...parsed };
      document.profiles.push(parseOrRefuse(UserProfileSchema, profile));
      return profile;
    });
  }

  /** Applies only the given changes to the profile as it is on disk now. */
  async update(id: string, changes: ProfileChanges): Promise<UserProfile> {
    const parsedChanges = parseOrRefuse(ProfileChangesSchema, changes);
    refuseBuiltIn(id, 'edited');
    return this.change((document) => {
      const index = indexOrRefuse(document, id);
      const current = document.profiles[index]!;
      if (parsedChanges.displayName !== undefined) assertNameFree(document, parsedChanges.displayName, id);
      const { myDevice, board, ...plainChanges } = parsedChanges;
      const merged: Record<string, unknown> = {
        ...current,
        ...plainChanges,
        board: { ...current.board, ...board },
      };
      if (myDevice === null) delete merged['myDevice'];
      else if (myDevice !== undefined) merged['myDevice'] = myDevice;
      const updated = parseOrRefuse(UserProfileSchema, merged);
      document.profiles[index] = updated;
      return updated;
    });
  }

  /** A copy under a new id and a "(copy)" name. The secret is not copied: it belongs to one login. */
  async duplicate(id: string): Promise<UserProfile> {
    refuseBuiltIn(id, 'duplicated');
    return this.change((document) => {
      const source = document.profiles[indexOrRefuse(document, id)]!;
      const copy: UserProfile = {
        ...structuredClone(source),
        id: this.newId(),
        displayName: freeName(document, `${source.displayName} (copy)`),
      };
      document.profiles.push(copy);
      return copy;
    });
  }

  /**
   * Removes the profile; false when it was already gone (another window got there first).
   * Deleting its secret is CredentialService.deleteProfile's job, which calls this.
   */
  async delete(id: string): Promise<boolean> {
    refuseBuiltIn(id, 'deleted');
    return this.change((document) => {
      const index = document.profiles.findIndex((profile) => profile.id === id);
      if (index === -1) return false;
      document.profiles.splice(index, 1);
      if (document.lastUsedProfileId === id) delete document.lastUsedProfileId;
      return true;
    });
  }

  async setLastUsed(id: string): Promise<void> {
    await this.change((document) => {
      if (id !== DEMO_PROFILE_ID) indexOrRefuse(document, id);
      document.lastUsedProfileId = id;
    });
  }

  /** The given profiles (default: all) as JSON for another desk. Profiles never contain secrets. */
  async exportJson(ids?: readonly string[]): Promise<string> {
    const loaded = await this.withFileLock(() => this.load());
    const profiles = loaded.writable ? loaded.document.profiles : [];
    const chosen = ids === undefined ? profiles : profiles.filter((profile) => ids.includes(profile.id));
    const exported = {
      format: EXPORT_FORMAT,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      exportedAt: this.now().toISOString(),
      profiles: chosen,
    };
    return `${JSON.stringify(exported, null, 2)}\n`;
  }

  /**
   * Adds the profiles of an exported file (any known schema version) to the ones here. Each one is
   * validated on its own; a clash of id gets a new id, a clash of name a " (2)" suffix. A profile
   * carrying a secret, an unknown setting or an invalid value is skipped and said why.
   */
  async importJson(text: string): Promise<ImportReport> {
    let parsedJson: unknown;
    try {
      parsedJson = JSON.parse(text);
    } catch (error) {
      throw new ProfileError(
        'invalid',
        `That file is not valid JSON (${plainJsonError(error)}), so nothing was imported.`,
      );
    }
    if (isJsonObject(parsedJson) && parsedJson['format'] !== undefined && parsedJson['format'] !== EXPORT_FORMAT) {
      throw new ProfileError('invalid', 'That file is not a Switchboard profiles export, so nothing was imported.');
    }
    const migration = migrateToCurrent(parsedJson);
    if (migration.kind === 'newerVersion') {
      throw new ProfileError(
        'fileFromNewerVersion',
        `That file was written by a newer Switchboard (format version ${migration.fileVersion}); update Switchboard to import it.`,
      );
    }
    if (migration.kind === 'unrecognised' || !Array.isArray(migration.document['profiles'])) {
      const reason = migration.kind === 'unrecognised' ? migration.reason : 'it has no list of profiles';
      throw new ProfileError(
        'invalid',
        `That file is not a Switchboard profiles export (${reason}), so nothing was imported.`,
      );
    }
    const entries = migration.document['profiles'] as unknown[];

    return this.change((document) => {
      const imported: { id: string; displayName: string }[] = [];
      const renamed: { from: string; to: string }[] = [];
      const skipped: { position: number; displayName?: string; reason: string }[] = [];
      entries.forEach((entry, index) => {
        const position = index + 1;
        const displayName =
          isJsonObject(entry) && typeof entry['displayName'] === 'string' ? entry['displayName'] : undefined;
        const skip = (reason: string) => skipped.push({ position, ...(displayName ? { displayName } : {}), reason });
        if (!isJsonObject(entry)) return skip('It is not a profile (not a JSON object).');
        if (entry['kind'] === 'demo' || entry['id'] === DEMO_PROFILE_ID) {
          return skip('The Demo PBX is built into Switchboard; it is not imported.');
        }
        const secretKeys = Object.keys(entry).filter((key) => /secret|password/i.test(key));
        if (secretKeys.length > 0) {
          return skip(
            `It contains a secret (${secretKeys.join(', ')}). Profiles are imported without secrets: remove it from the file and type the secret at the desk.`,
          );
        }
        const candidate = { kind: 'user', ...entry, id: entry['id'] ?? this.newId() };
        const result = UserProfileSchema.safeParse(candidate);
        if (!result.success) return skip(describeIssues(result.error));
        const profile = result.data;
        if (document.profiles.some((existing) => existing.id === profile.id)) profile.id = this.newId();
        const name = freeName(document, profile.displayName);
        if (name !== profile.displayName) renamed.push({ from: profile.displayName, to: name });
        profile.displayName = name;
        document.profiles.push(profile);
        imported.push({ id: profile.id, displayName: profile.displayName });
      });
      return { imported, renamed, skipped };
    });
  }

  /** Re-reads the file, applies `operation` to it and writes the result, all under the file lock. */
  private change<T>(operation: (document: ProfilesDocument) => T): Promise<T> {
    return this.withFileLock(async () => {
      const loaded = await this.load();
      if (!loaded.writable) {
        throw new ProfileError(
          'fileFromNewerVersion',
          'Your profiles file was written by a newer version of Switchboard, so this version will not change it. Update Switchboard to edit profiles.',
        );
      }
      const document = structuredClone(loaded.document);
      const result = operation(document);
      await this.writeAtomically(serialise(document));
      return result;
    });
  }

  /** This process's windows queue in memory; other processes (a second Switchboard) wait on the lock file. */
  private withFileLock<T>(work: () => Promise<T>): Promise<T> {
    return withPathLock(this.filePath, async () => {
      try {
        return await withLockFile(this.filePath, work);
      } catch (error) {
        if (error instanceof LockFileBusyError) {
          throw new ProfileError(
            'fileSystem',
            'Another Switchboard has been changing your profiles for more than ten seconds, so this was not done. Try again.',
          );
        }
        if (error instanceof ProfileError) throw error;
        throw fileSystemError('lock', error);
      }
    });
  }

  /** Reads and upgrades the file; recovers from (and reports) a file that cannot be used. Lock held. */
  private async load(): Promise<LoadedFile> {
    await this.removeStaleTempFiles();
    let raw: Buffer;
    try {
      raw = await this.fs.readFile(this.filePath);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { writable: true, document: emptyDocument() };
      throw fileSystemError('read', error);
    }

    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      return this.recover(raw, `it is not valid JSON (${plainJsonError(error)})`, emptyDocument());
    }
    const migration = migrateToCurrent(json);
    if (migration.kind === 'newerVersion') {
      this.reportNewerVersionOnce(migration.fileVersion);
      return { writable: false, fileVersion: migration.fileVersion };
    }
    if (migration.kind === 'unrecognised') return this.recover(raw, migration.reason, emptyDocument());

    const { document: upgraded } = migration;
    if (!Array.isArray(upgraded['profiles'])) return this.recover(raw, 'it has no list of profiles', emptyDocument());

    const document = emptyDocument();
    const problems: string[] = [];
    (upgraded['profiles'] as unknown[]).forEach((entry, index) => {
      const result = UserProfileSchema.safeParse(entry);
      const label =
        isJsonObject(entry) && typeof entry['displayName'] === 'string'
          ? `"${entry['displayName']}"`
          : `number ${index + 1}`;
      if (!result.success) problems.push(`profile ${label}: ${describeIssues(result.error)}`);
      else if (document.profiles.some((profile) => profile.id === result.data.id))
        problems.push(`profile ${label} repeats the id of another profile`);
      else document.profiles.push(result.data);
    });
    const lastUsed = upgraded['lastUsedProfileId'];
    if (typeof lastUsed === 'string') document.lastUsedProfileId = lastUsed;
    else if (lastUsed !== undefined && lastUsed !== null) problems.push('the last used profile is not a profile id');

    const unknownKeys = Object.keys(upgraded).filter(
      (key) => !['schemaVersion', 'lastUsedProfileId', 'profiles'].includes(key),
    );
    if (unknownKeys.length > 0) problems.push(`it has unknown settings (${unknownKeys.join(', ')})`);

    if (problems.length > 0) return this.recover(raw, problems.join('; '), document);
    return { writable: true, document };
  }

  /**
   * Keeps the unusable file byte for byte beside the original, then replaces the original with
   * what could be salvaged. If the backup cannot be written, nothing is replaced.
   */
  private async recover(raw: Buffer, reason: string, salvaged: ProfilesDocument): Promise<LoadedFile> {
    const backupPath = await this.writeBackup(raw);
    await this.writeAtomically(serialise(salvaged));
    const keptProfiles = salvaged.profiles.length;
    const outcome =
      keptProfiles === 0
        ? 'Switchboard started with no saved profiles.'
        : `The ${keptProfiles === 1 ? 'profile that was still good was' : `${keptProfiles} profiles that were still good were`} kept.`;
    this.report({
      kind: 'recoveredFromCorruptFile',
      backupPath,
      reason,
      keptProfiles,
      message: `Your profiles file could not be used as it was: ${reason}. A copy was kept at ${backupPath}. ${outcome}`,
    });
    return { writable: true, document: salvaged };
  }

  private async writeBackup(raw: Buffer): Promise<string> {
    const stamp = this.now().toISOString().replace(/:/g, '-');
    for (let attempt = 1; ; attempt++) {
      const backupPath = `${this.filePath}.corrupt-${stamp}${attempt === 1 ? '' : `-${attempt}`}`;
      try {
        await this.fs.writeNewFileDurably(backupPath, raw, 0o600);
        return backupPath;
      } catch (error) {
        if (errorCode(error) !== 'EEXIST' || attempt >= 100) throw fileSystemError('keep a copy of', error);
      }
    }
  }

  private async writeAtomically(text: string): Promise<void> {
    const dir = dirname(this.filePath);
    const tempPath = `${this.filePath}.tmp-${process.pid}-${randomUUID().slice(0, 8)}`;
    try {
      await this.fs.mkdirRecursive(dir);
      await this.fs.writeNewFileDurably(tempPath, text, 0o600);
      await this.fs.rename(tempPath, this.filePath);
    } catch (error) {
      await this.fs.unlink(tempPath).catch(() => undefined);
      throw fileSystemError('save', error);
    }
    await this.fs.fsyncDir(dir).catch(() => undefined);
  }

  /**
   * Temp files are only written under the lock, so one of this process's found while we hold the
   * lock, or one of a process that no longer runs, was left by a crash mid-write.
   */
  private async removeStaleTempFiles(): Promise<void> {
    if (this.staleTempFilesChecked) return;
    this.staleTempFilesChecked = true;
    let names: string[];
    try {
      names = await this.fs.readdir(dirname(this.filePath));
    } catch {
      return;
    }
    const pattern = new RegExp(`^${escapeRegExp(basename(this.filePath))}\\.tmp-(\\d+)-[0-9a-f]+$`);
    for (const name of names) {
      const match = pattern.exec(name);
      if (!match) continue;
      const pid = Number(match[1]);
      if (pid === process.pid || !isProcessRunning(pid)) {
        await this.fs.unlink(join(dirname(this.filePath), name)).catch(() => undefined);
      }
    }
  }

  private reportNewerVersionOnce(fileVersion: number): void {
    if (this.newerVersionReported) return;
    this.newerVersionReported = true;
    this.report({
      kind: 'fileFromNewerVersion',
      fileVersion,
      message: `Your profiles file was written by a newer version of Switchboard (format version ${fileVersion}). It was left untouched; only the Demo PBX is available until you update Switchboard.`,
    });
  }

  private report(problem: ProfileProblem): void {
    this.reported.push(problem);
    for (const listener of this.problemListeners) listener(problem);
  }
}

const pathLocks = new Map<string, Promise<unknown>>();

/** Runs `work` after every earlier holder of `path`'s lock in this process has finished. */
function withPathLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  const previous = pathLocks.get(path) ?? Promise.resolve();
  const run = previous.then(work, work);
  const settled = run.catch(() => undefined);
  pathLocks.set(path, settled);
  void settled.then(() => {
    if (pathLocks.get(path) === settled) pathLocks.delete(path);
  });
  return run;
}

function emptyDocument(): ProfilesDocument {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, profiles: [] };
}

function serialise(document: ProfilesDocument): string {
  const ordered = {
    schemaVersion: document.schemaVersion,
    lastUsedProfileId: document.lastUsedProfileId,
    profiles: document.profiles,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function parseOrRefuse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ProfileError('invalid', describeIssues(result.error));
  return result.data;
}

function refuseBuiltIn(id: string, verb: string): void {
  if (id === DEMO_PROFILE_ID)
    throw new ProfileError('builtInProfile', `The Demo PBX is built in and can't be ${verb}.`);
}

function indexOrRefuse(document: ProfilesDocument, id: string): number {
  const index = document.profiles.findIndex((profile) => profile.id === id);
  if (index === -1)
    throw new ProfileError('notFound', 'That profile no longer exists (it may have been deleted in another window).');
  return index;
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

function assertNameFree(document: ProfilesDocument, name: string, exceptId?: string): void {
  if (nameTaken(document, name, exceptId)) {
    throw new ProfileError('nameTaken', `There is already a profile called "${name}". Choose another name.`);
  }
}

/** `wanted`, or `wanted (2)`, `wanted (3)`... whichever is free first. */
function freeName(document: ProfilesDocument, wanted: string): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const candidate = `${wanted.slice(0, MAX_DISPLAY_NAME - suffix.length).trimEnd()}${suffix}`;
    if (!nameTaken(document, candidate)) return candidate;
  }
}

function errorCode(error: unknown): string | undefined {
  const code: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' ? code : undefined;
}

function fileSystemError(verb: string, error: unknown): ProfileError {
  const code = errorCode(error);
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return new ProfileError(
    'fileSystem',
    `Switchboard couldn't ${verb} your profiles file (${detail}). Your saved profiles were not changed.`,
  );
}

function plainJsonError(error: unknown): string {
  return error instanceof Error ? error.message : 'unreadable';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
