import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src-shared/call-history';
import { openDirectoryDatabase } from './database';
import { SCHEMA_AREAS } from './schema-areas';

const root = fileURLToPath(new URL('../..', import.meta.url));
const writer = fileURLToPath(new URL('./history-writer.child.ts', import.meta.url));

let userDataDir: string;
beforeEach(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'switchboard-history-processes-'));
});
afterEach(async () => {
  await rm(userDataDir, { recursive: true, force: true });
});

/** Starts the writer and kills it (SIGKILL: no exit handler runs) once it has told `after` commits. */
function killWriterAfter(after: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer], {
      cwd: root,
      env: { ...process.env, WRITER_USER_DATA_DIR: userDataDir, WRITER_COUNT: '100000' },
    });
    let told = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const commits = [...chunk.toString().matchAll(/committed (\d+)/g)].map((match) => Number(match[1]));
      told = Math.max(told, ...commits);
      if (told >= after) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(told) : reject(new Error(`writer ended by itself: ${stderr}`)),
    );
  });
}

describe('the call history when the process dies while writing', () => {
  it('keeps every batch it told as written and none of a batch cut off: whole calls, readable, counted', async () => {
    const told = await killWriterAfter(20);

    const { db, problem } = openDirectoryDatabase({ userDataDir, profileId: 'office', areas: SCHEMA_AREAS });
    expect(problem).toBeUndefined();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = db.prepare('SELECT count(*) FROM history_calls').pluck().get() as number;
    expect(stored).toBeGreaterThanOrEqual(told * 100);
    // A batch is one transaction: the one in flight at the kill is all there or absent.
    expect(stored % 100).toBe(0);
    const records = db.prepare('SELECT outcome, record FROM history_calls').all() as {
      outcome: string;
      record: string;
    }[];
    for (const row of records) expect((JSON.parse(row.record) as CallRecord).outcome.kind).toBe(row.outcome);
    db.close();
  }, 60_000);
});
