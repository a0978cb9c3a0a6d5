import { randomUUID } from 'node:crypto';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

export interface LockFilePolicy {
  /** A lock older than this is a crashed holder's: holders keep it for one read-and-write. */
  readonly staleAfterMs: number;
  /** How long to wait for a live holder before giving up. */
  readonly giveUpAfterMs: number;
}

const DEFAULT_POLICY: LockFilePolicy = { staleAfterMs: 10_000, giveUpAfterMs: 10_000 };

/** The lock stayed with a live holder for longer than the policy waits. */
export class LockFileBusyError extends Error {
  override readonly name = 'LockFileBusyError';
}

/** What a holder writes into the lock file: enough to tell whether it still runs. */
interface LockHolder {
  readonly token: string;
  readonly pid: number;
  readonly host: string;
  readonly at: number;
}

/**
 * Runs `work` while holding `<path>.lock` against every other process using the same file. The lock is
 * a file created exclusively; one left by a process that died (on this computer), or older than
 * `staleAfterMs`, is taken over.
 */
export async function withLockFile<T>(
  path: string,
  work: () => Promise<T>,
  policy: LockFilePolicy = DEFAULT_POLICY,
): Promise<T> {
  const lockPath = `${path}.lock`;
  const held = await acquire(lockPath, policy);
  try {
    return await work();
  } finally {
    await release(lockPath, held);
  }
}

async function acquire(lockPath: string, policy: LockFilePolicy): Promise<string> {
  const deadline = Date.now() + policy.giveUpAfterMs;
  for (let attempt = 0; ; attempt++) {
    const holder: LockHolder = { token: randomUUID(), pid: process.pid, host: hostname(), at: Date.now() };
    const content = JSON.stringify(holder);
    if (await createExclusively(lockPath, content)) return content;
    const seen = await readLock(lockPath);
    if (seen === undefined) continue;
    if (isStale(seen, policy)) {
      await removeStale(lockPath, seen.raw);
      continue;
    }
    if (Date.now() > deadline) throw new LockFileBusyError(`${lockPath} is held by process ${seen.holder?.pid}`);
    // Random, so that two waiters do not keep meeting; short, as holders keep the lock for milliseconds.
    await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * Math.min(50, 5 * (attempt + 1))));
  }
}

/** False when the lock exists already. */
async function createExclusively(lockPath: string, content: string): Promise<boolean> {
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      try {
        await handle.writeFile(content);
      } finally {
        await handle.close();
      }
      return true;
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return false;
      if (errorCode(error) !== 'ENOENT') throw error;
      await mkdir(dirname(lockPath), { recursive: true, mode: 0o700 });
    }
  }
}

/** The lock as found; undefined when it is gone. A holder still writing (or one that crashed doing so) has none. */
async function readLock(
  lockPath: string,
): Promise<{ raw: string; holder: LockHolder | undefined; mtimeMs: number } | undefined> {
  try {
    const [raw, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    return { raw, holder: parseHolder(raw), mtimeMs: info.mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function isStale(seen: { holder: LockHolder | undefined; mtimeMs: number }, policy: LockFilePolicy): boolean {
  const since = seen.holder?.at ?? seen.mtimeMs;
  if (Date.now() - since > policy.staleAfterMs) return true;
  const holder = seen.holder;
  return holder !== undefined && holder.host === hostname() && !isProcessRunning(holder.pid);
}

/**
 * Moves the stale lock aside first, so that a lock another process has just taken in its place is
 * recognised (its content differs) and put back rather than deleted.
 */
async function removeStale(lockPath: string, staleContent: string): Promise<void> {
  const aside = `${lockPath}.stale-${randomUUID().slice(0, 8)}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  const moved = await readFile(aside, 'utf8').catch(() => undefined);
  if (moved !== staleContent) await link(aside, lockPath).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

async function release(lockPath: string, heldContent: string): Promise<void> {
  const current = await readFile(lockPath, 'utf8').catch(() => undefined);
  // Not ours any more only if we held it past `staleAfterMs` and another process took it over.
  if (current === heldContent) await unlink(lockPath).catch(() => undefined);
}

function parseHolder(raw: string): LockHolder | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return undefined;
    const { token, pid, host, at } = value as Record<string, unknown>;
    if (typeof token !== 'string' || typeof pid !== 'number' || typeof host !== 'string' || typeof at !== 'number')
      return undefined;
    return { token, pid, host, at };
  } catch {
    return undefined;
  }
}

export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

function errorCode(error: unknown): string | undefined {
  const code: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' ? code : undefined;
}
