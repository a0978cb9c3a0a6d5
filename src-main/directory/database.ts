import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { DirectoryProblem } from '../../src-shared/directory-results';
import { refusal, type Refusal } from '../../src-shared/refusals';
import { migrate, type SchemaArea } from './migrations';

export const DIRECTORY_FOLDER = 'directory';
/** How long a write waits for another window or process holding the file before it gives up. */
export const BUSY_TIMEOUT_MS = 5_000;
const PROFILE_ID = /^[A-Za-z0-9-]{1,64}$/;

export interface OpenDatabaseOptions {
  /** The app's user-data folder, the same one the profile store uses. */
  readonly userDataDir: string;
  readonly profileId: string;
  readonly areas: readonly SchemaArea[];
  readonly now?: () => Date;
}

export interface OpenedDatabase {
  readonly db: Database;
  readonly path: string;
  /** Set when the file found could not be used and was moved aside. */
  readonly problem: DirectoryProblem | undefined;
}

/** `<userData>/directory/<profile id>.sqlite`: one database per login profile. */
export function databasePath(userDataDir: string, profileId: string): string {
  if (!PROFILE_ID.test(profileId)) throw new Error('not a profile id');
  return join(userDataDir, DIRECTORY_FOLDER, `${profileId}.sqlite`);
}

/**
 * Opens (creating if need be) the profile's database and brings its schema up to date.
 * A file SQLite cannot read, or whose pages fail the quick check, is renamed aside with its
 * write-ahead log and reported; a fresh file takes its place. It is never deleted or overwritten.
 */
export function openDirectoryDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  const path = databasePath(options.userDataDir, options.profileId);
  mkdirSync(join(options.userDataDir, DIRECTORY_FOLDER), { recursive: true, mode: 0o700 });
  const first = tryOpen(path);
  if (first.kind === 'ok') return finish(first.db, path, options.areas, undefined);
  const backupPath = moveAside(path, (options.now ?? (() => new Date()))());
  const problem: DirectoryProblem = {
    kind: 'recoveredFromCorruptFile',
    backupPath,
    said: unusableFile(first.why, backupPath),
  };
  const second = tryOpen(path);
  if (second.kind !== 'ok') throw new Error(`a new database could not be started: ${second.why.kind}`);
  return finish(second.db, path, options.areas, problem);
}

function finish(db: Database, path: string, areas: readonly SchemaArea[], problem: DirectoryProblem | undefined) {
  try {
    migrate(db, areas);
  } catch (error) {
    db.close();
    throw error;
  }
  return { db, path, problem };
}

/** Why a file found is no database SQLite can use; `detail` is SQLite's own words. */
type Unusable = { kind: 'notDatabase' } | { kind: 'pagesDamaged' | 'unreadable'; detail: string };

type Attempt = { kind: 'ok'; db: Database } | { kind: 'unusable'; why: Unusable };

function unusableFile(why: Unusable, backupPath: string): Refusal {
  switch (why.kind) {
    case 'notDatabase':
      return refusal('fileNotDatabase', { backupPath });
    case 'pagesDamaged':
      return refusal('filePagesDamaged', { backupPath, detail: why.detail });
    case 'unreadable':
      return refusal('fileUnreadable', { backupPath, detail: why.detail });
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Checks a file before any read-write connection touches it: closing one checkpoints the
 * write-ahead log into the file and deletes it, which would change a damaged file before it is kept.
 */
function tryOpen(path: string): Attempt {
  const found = examine(path);
  if (found.kind === 'unusable') return found;
  return { kind: 'ok', db: connect(path) };
}

/**
 * A read-write connection to a profile's database with the settings every one of them keeps:
 * write-ahead log, busy timeout, foreign keys. `openDirectoryDatabase` makes the first, after the
 * file passed its checks; the call history's writer thread opens another to the same file.
 */
export function connect(path: string, options: { fileMustExist?: boolean } = {}): Database {
  const db = new BetterSqlite3(path, { timeout: BUSY_TIMEOUT_MS, fileMustExist: options.fileMustExist ?? false });
  try {
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL survives a killed process; only a power cut may lose the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function examine(path: string): { kind: 'absent' | 'readable' } | { kind: 'unusable'; why: Unusable } {
  if (!existsSync(path) || statSync(path).size === 0) return { kind: 'absent' };
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) return { kind: 'unusable', why: { kind: 'notDatabase' } };
  let reader: Database | undefined;
  try {
    reader = new BetterSqlite3(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    const check = reader.pragma('quick_check', { simple: true });
    return check === 'ok'
      ? { kind: 'readable' }
      : { kind: 'unusable', why: { kind: 'pagesDamaged', detail: String(check) } };
  } catch (error) {
    if (!isUnreadableFile(error)) throw error;
    return { kind: 'unusable', why: { kind: 'unreadable', detail: (error as Error).message } };
  } finally {
    reader?.close();
  }
}

/** SQLite's answers for a file that is not, or no longer, a database; anything else is not ours to move. */
function isUnreadableFile(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code === 'SQLITE_CORRUPT_VTAB';
}

function moveAside(path: string, now: Date): string {
  const stamp = now.toISOString().replace(/:/g, '-');
  let backupPath = `${path}.corrupt-${stamp}`;
  for (let attempt = 2; existsSync(backupPath); attempt++) backupPath = `${path}.corrupt-${stamp}-${attempt}`;
  renameSync(path, backupPath);
  // The log belongs to the damaged file: replayed into a fresh one it would damage that too.
  for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, backupPath + suffix);
  return backupPath;
}
