import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PictureStore } from '../pbx/picture-store';
import { ContactStore } from './contact-store';
import { MapVault } from '../profiles/testing/vaults';
import { BUSY_TIMEOUT_MS, openDirectoryDatabase } from './database';
import { DirectoryService } from './directory-service';
import { SCHEMA_AREAS } from './schema-areas';

const execFileAsync = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const writer = fileURLToPath(new URL('./database-writer.child.ts', import.meta.url));

let userDataDir: string;
beforeEach(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'switchboard-directory-processes-'));
});
afterEach(async () => {
  await rm(userDataDir, { recursive: true, force: true });
});

const writerEnv = (mode: string, prefix: string, count: number) => ({
  ...process.env,
  WRITER_USER_DATA_DIR: userDataDir,
  WRITER_MODE: mode,
  WRITER_PREFIX: prefix,
  WRITER_COUNT: String(count),
});

/** Starts a writer and kills it (SIGKILL: no exit handler runs) once its stdout shows `killAt`. */
function killWriterWhen(mode: string, count: number, killAt: (stdout: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer], {
      cwd: root,
      env: writerEnv(mode, 'Killed', count),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (killAt(stdout)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(stdout) : reject(new Error(`writer ended by itself: ${stderr}`)),
    );
  });
}

/** Starts a writer that holds the write lock inside an import until `release()` kills it. */
async function holdWriteLock(): Promise<{ release(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', writer], {
    cwd: root,
    env: writerEnv('hold', 'Holder', 10),
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('inside')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    void exited.then(() => reject(new Error(`holder ended by itself: ${stderr}`)));
  });
  return {
    async release() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

const openAgain = () => openDirectoryDatabase({ userDataDir, profileId: 'office', areas: SCHEMA_AREAS });

describe('the profile database when a process dies or shares it', () => {
  it('keeps what was committed and none of an import killed before its commit', async () => {
    const seeded = openAgain();
    seeded.db.prepare("INSERT INTO sources (kind, label) VALUES ('pbx', 'The PBX')").run();
    seeded.db.close();

    await killWriterWhen('hold', 5000, (stdout) => stdout.includes('inside'));

    const { db, problem } = openAgain();
    expect(problem).toBeUndefined();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT label FROM sources').pluck().all()).toEqual(['The PBX']);
    expect(db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM contact_trigrams').pluck().get()).toBe(0);
    db.close();
  }, 60_000);

  it('is whole after a process is killed in the middle of a stream of imports: every import all there or absent', async () => {
    const stdout = await killWriterWhen(
      'batches',
      100_000,
      (out) => /committed (\d+)\n/.test(out) && Number(/committed (\d+)\n(?!.*committed)/s.exec(out)?.[1]) >= 20,
    );
    const toldCommitted = Math.max(...[...stdout.matchAll(/committed (\d+)/g)].map((match) => Number(match[1])));

    const { db } = openAgain();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const perSource = db
      .prepare(
        'SELECT s.id, count(c.id) AS contacts FROM sources s LEFT JOIN contacts c ON c.source_id = s.id GROUP BY s.id',
      )
      .all() as { contacts: number }[];
    expect(perSource.length).toBeGreaterThanOrEqual(toldCommitted);
    for (const { contacts } of perSource.slice(0, toldCommitted)) expect(contacts).toBe(50);
    // The import in flight at the kill is either whole or has written nothing at all.
    for (const { contacts } of perSource.slice(toldCommitted)) expect([0, 50]).toContain(contacts);
    const indexed = db
      .prepare('SELECT count(*) FROM contact_trigrams WHERE contact_trigrams MATCH \'"killed"\'')
      .pluck()
      .get();
    expect(indexed).toBe(db.prepare('SELECT count(*) FROM contacts').pluck().get());
    db.close();
  }, 60_000);

  it('opens a file at the newest schema while another process holds its write lock longer than the busy timeout', async () => {
    const seeded = openAgain();
    const contacts = new ContactStore(seeded.db, 'US');
    contacts.replaceContacts(contacts.addSource('csv', 'staff.csv'), [
      { name: 'Emma Fischer', numbers: [{ kind: 'work', number: '+1 202 555 0143' }] },
    ]);
    seeded.db.close();
    const holder = await holdWriteLock();
    const errors: string[] = [];
    const service = new DirectoryService({
      userDataDir,
      vault: new MapVault(),
      store: new PictureStore(),
      onProblem: (message) => errors.push(message),
      onError: (message, error) => errors.push(`${message}: ${String(error)}`),
      onChanged: () => {},
    });
    try {
      const started = performance.now();
      service.open('office');
      expect(errors).toEqual([]);
      expect(performance.now() - started).toBeLessThan(BUSY_TIMEOUT_MS);
      expect(service.search('fisch', 5, 0).entries.map((entry) => entry.name)).toEqual(['Emma Fischer']);
    } finally {
      service.close();
      await holder.release();
    }
  }, 60_000);

  it('keeps every import when two processes write the same file at once', async () => {
    const run = (prefix: string) =>
      execFileAsync(process.execPath, ['--import', 'tsx', writer], {
        cwd: root,
        env: writerEnv('batches', prefix, 30),
        timeout: 60_000,
      });
    await Promise.all([run('Day'), run('Night')]);
    const { db } = openAgain();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(60);
    expect(db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(3000);
    db.close();
  }, 90_000);
});
