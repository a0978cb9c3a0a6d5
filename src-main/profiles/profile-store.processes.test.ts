import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LockFileBusyError, withLockFile } from './lock-file';
import { ProfileStore } from './profile-store';

const execFileAsync = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const writer = fileURLToPath(new URL('./profile-writer.child.ts', import.meta.url));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-processes-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function runWriter(prefix: string, count: number) {
  return execFileAsync(process.execPath, ['--import', 'tsx', writer], {
    cwd: root,
    env: { ...process.env, WRITER_USER_DATA_DIR: dir, WRITER_PREFIX: prefix, WRITER_COUNT: String(count) },
    timeout: 60_000,
  });
}

describe('ProfileStore: two processes saving at once', () => {
  it('keeps all 80 profiles when two processes each create 40 at the same time', async () => {
    const outputs = await Promise.all([runWriter('Day', 40), runWriter('Night', 40)]);
    expect(outputs.map(({ stdout }) => JSON.parse(stdout) as unknown)).toEqual([{ created: 40 }, { created: 40 }]);
    const names = (await new ProfileStore({ userDataDir: dir }).list()).map((profile) => profile.displayName);
    expect(names).toHaveLength(81);
    for (const prefix of ['Day', 'Night'])
      for (let index = 1; index <= 40; index++) expect(names).toContain(`${prefix} ${index}`);
  }, 90_000);
});

describe('ProfileStore: a lock file left behind', () => {
  const lockPath = () => join(dir, 'profiles.json.lock');
  const holder = (pid: number, at = Date.now()) => JSON.stringify({ token: 'left', pid, host: hostname(), at });

  it('takes over the lock of a process that no longer runs', async () => {
    const { pid } = await new Promise<{ pid: number }>((resolve) => {
      const child = spawn(process.execPath, ['-e', '']);
      child.on('exit', () => resolve({ pid: child.pid! }));
    });
    await writeFile(lockPath(), holder(pid));
    const store = new ProfileStore({ userDataDir: dir });
    await store.create({ displayName: 'Front desk', host: 'pbx.example.org', username: 'reception' });
    expect((await store.list()).map((profile) => profile.displayName)).toEqual(['Demo PBX', 'Front desk']);
    await expect(readFile(lockPath())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('takes over a lock held for longer than any save takes, even by a running process', async () => {
    await writeFile(lockPath(), holder(process.pid, Date.now() - 60_000));
    const store = new ProfileStore({ userDataDir: dir });
    await store.create({ displayName: 'Front desk', host: 'pbx.example.org', username: 'reception' });
    expect(await store.list()).toHaveLength(2);
  });

  it('waits for a running holder to let go, then saves', async () => {
    await writeFile(lockPath(), holder(process.pid));
    const store = new ProfileStore({ userDataDir: dir });
    let saved = false;
    const saving = store
      .create({ displayName: 'Front desk', host: 'pbx.example.org', username: 'reception' })
      .then(() => (saved = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(saved).toBe(false);
    await unlink(lockPath());
    await saving;
    expect(await store.list()).toHaveLength(2);
  });

  it('gives up on a holder that keeps the lock, with the reason', async () => {
    await writeFile(lockPath(), holder(process.pid));
    await expect(
      withLockFile(join(dir, 'profiles.json'), async () => 'done', { staleAfterMs: 10_000, giveUpAfterMs: 200 }),
    ).rejects.toBeInstanceOf(LockFileBusyError);
    expect(JSON.parse(await readFile(lockPath(), 'utf8'))).toMatchObject({ token: 'left' });
  });
});
