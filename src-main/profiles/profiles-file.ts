import { randomUUID } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import type { ProfileProblem } from '../../src-shared/profile-results';
import { refusal, type Refusal } from '../../src-shared/refusals';
import { inEnglish } from '../english-words';
import { LockFileBusyError, isProcessRunning, withLockFile } from './lock-file';
import { ProfileError, errorCode, fileSystemError } from './profile-error';
import { nodeProfileFileSystem, type ProfileFileSystem } from './profile-file-system';
import { emptyDocument, serialise, type ProfilesDocument } from './profiles-document';
import { checkProfile, entryName, readProfiles } from './read-profiles';

export const PROFILES_FILE_NAME = 'profiles.json';

export interface ProfilesFileOptions {
  /** The app's user-data folder (Electron's `app.getPath('userData')`, passed in by the caller). */
  readonly userDataDir: string;
  readonly fileSystem?: ProfileFileSystem | undefined;
  readonly now: () => Date;
}

export type LoadedFile =
  | { readonly writable: true; readonly document: ProfilesDocument }
  | { readonly writable: false; readonly fileVersion: number };

/**
 * `<userData>/profiles.json` on disk. Every read and change runs under a per-file mutex (shared by
 * all stores of this process) and a lock file (shared with other processes), and every change is
 * applied as an operation to what is on disk right now, then written atomically (temp file in the
 * same folder, fsync, rename; mode 0600). Two windows, or two Switchboards, saving at once therefore
 * both keep their change. A file that cannot be used is kept aside and reported, never overwritten.
 */
export class ProfilesFile {
  readonly filePath: string;
  private readonly fs: ProfileFileSystem;
  private readonly now: () => Date;
  private readonly reported: ProfileProblem[] = [];
  private staleTempFilesChecked = false;
  private newerVersionReported = false;

  constructor(options: ProfilesFileOptions) {
    this.filePath = resolve(options.userDataDir, PROFILES_FILE_NAME);
    this.fs = options.fileSystem ?? nodeProfileFileSystem;
    this.now = options.now;
  }

  /** Problems reported so far (for a window that opens after they happened). */
  problems(): readonly ProfileProblem[] {
    return [...this.reported];
  }

  /** The file as it is now (read under the lock). */
  read(): Promise<LoadedFile> {
    return this.withFileLock(() => this.load());
  }

  /** Re-reads the file, applies `operation` to it and writes the result, all under the file lock. */
  change<T>(operation: (document: ProfilesDocument) => T): Promise<T> {
    return this.withFileLock(async () => {
      const loaded = await this.load();
      if (!loaded.writable) {
        throw new ProfileError('fileFromNewerVersion', refusal('profilesFileNewerUnchanged', {}));
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
          throw new ProfileError('fileSystem', refusal('profilesFileBusy', {}));
        }
        if (error instanceof ProfileError) throw error;
        throw fileSystemError('profilesFileUnlockable', error);
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
      throw fileSystemError('profilesFileUnreadable', error);
    }

    const read = readProfiles(raw.toString('utf8'));
    if (read.kind === 'newerVersion') {
      this.reportNewerVersionOnce(read.fileVersion);
      return { writable: false, fileVersion: read.fileVersion };
    }
    if (read.kind === 'notJson') return this.recover(raw, [refusal('profilesFileNotJson', {})], emptyDocument());
    if (read.kind !== 'read')
      return this.recover(raw, [refusal('profilesFileNotProfiles', { why: read.why })], emptyDocument());

    const { document: upgraded } = read;
    const document = emptyDocument();
    const problems: Refusal[] = [];
    read.entries.forEach((entry, index) => {
      const checked = checkProfile(entry);
      const name = entryName(entry);
      if (!checked.ok)
        problems.push(
          name === undefined
            ? refusal('profileNumberRefused', { position: index + 1, why: checked.said })
            : refusal('namedProfileRefused', { name, why: checked.said }),
        );
      else if (document.profiles.some((profile) => profile.id === checked.profile.id))
        problems.push(
          name === undefined
            ? refusal('profileNumberRepeatsId', { position: index + 1 })
            : refusal('namedProfileRepeatsId', { name }),
        );
      else document.profiles.push(checked.profile);
    });
    const lastUsed = upgraded['lastUsedProfileId'];
    if (typeof lastUsed === 'string') document.lastUsedProfileId = lastUsed;
    else if (lastUsed !== undefined && lastUsed !== null) problems.push(refusal('lastUsedNotId', {}));

    const unknownKeys = Object.keys(upgraded).filter(
      (key) => !['schemaVersion', 'lastUsedProfileId', 'profiles'].includes(key),
    );
    if (unknownKeys.length > 0) problems.push(refusal('unknownSettings', { names: unknownKeys.join(', ') }));

    if (problems.length > 0) return this.recover(raw, problems, document);
    return { writable: true, document };
  }

  /**
   * Keeps the unusable file byte for byte beside the original, then replaces the original with
   * what could be salvaged. If the backup cannot be written, nothing is replaced.
   */
  private async recover(raw: Buffer, problems: readonly Refusal[], salvaged: ProfilesDocument): Promise<LoadedFile> {
    const backupPath = await this.writeBackup(raw);
    await this.writeAtomically(serialise(salvaged));
    const keptProfiles = salvaged.profiles.length;
    const said =
      keptProfiles === 0
        ? refusal('profilesFileRecovered', { backupPath })
        : refusal('profilesFileRecoveredKept', { backupPath, kept: keptProfiles });
    this.report({
      kind: 'recoveredFromCorruptFile',
      backupPath,
      keptProfiles,
      said,
      problems,
      message: [said, ...problems].map(inEnglish).join(' '),
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
        if (errorCode(error) !== 'EEXIST' || attempt >= 100) throw fileSystemError('profilesFileUncopied', error);
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
      throw fileSystemError('profilesFileUnsaved', error);
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
    const said = refusal('profilesFileFromNewer', { version: fileVersion });
    this.report({ kind: 'fileFromNewerVersion', fileVersion, said, message: inEnglish(said) });
  }

  private report(problem: ProfileProblem): void {
    this.reported.push(problem);
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
