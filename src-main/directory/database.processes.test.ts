import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDirectoryDatabase } from './database';
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
