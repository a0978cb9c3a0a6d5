import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallRecord, HistoryPerson, HistoryQuery } from '../../src-shared/call-history';
import { CallHistory, startOfDay } from './call-history';
import { CallHistoryStore } from './call-history-store';
import { BUSY_TIMEOUT_MS, connect, databasePath } from './database';
import { ProfileDirectory } from './profile-directory';

/** The call history in a profile's database file on disk, opened the way a login opens it. */
const PROFILE_ID = '5d1c8f7e-2b3a-4c5d-8e9f-0a1b2c3d4e5f';
const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date(2026, 11, 1, 15, 0, 0).getTime();

let dir: string;
const opened: Array<{ close(): unknown }> = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-history-'));
});
afterEach(async () => {
  await closeAll();
  await rm(dir, { recursive: true, force: true });
});

/** Closes the history (its writer thread writes what is left), then the phonebook, as a logout does. */
async function closeAll() {
  for (const one of opened.splice(0).reverse()) await one.close();
}

const failOnError = (message: string, error: unknown): void => {
  throw new Error(`${message}: ${String(error)}`);
};

function openHistory(retentionDays = 30, now = () => NOW, onError = failOnError) {
  const directory = new ProfileDirectory(dir, PROFILE_ID);
  const history = new CallHistory({ path: directory.path, retentionDays, now, onChanged: () => undefined, onError });
  opened.push(directory, history);
  return history;
}

const person = (number: string, name: string, extensionId?: string): HistoryPerson => ({ number, name, extensionId });
const reception = person('100', 'Reception', '100@internal');

function call(startedAt: number, from: HistoryPerson, overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    callId: `c${startedAt}`,
    startedAt,
    endedAt: startedAt + 60_000,
    direction: 'in',
    mine: true,
    from,
    to: reception,
    parties: [from, reception],
    waitMs: 10_000,
    talkMs: 50_000,
    outcome: { kind: 'answered' },
    recordingFile: undefined,
    ...overrides,
  };
}

const ALL: HistoryQuery = { missed: false, mine: false, today: false, text: '', offset: 0, limit: 100 };

describe('the call history on disk', () => {
  it('keeps what was recorded across a close and a reopen of the file, newest first', async () => {
    const first = openHistory();
    first.record(call(NOW - 2 * 60_000, person('+33612345678', 'Łukasz Wróbel')));
    first.record(call(NOW - 60_000, person('0143', 'Chloe')));
    await closeAll();

    const again = openHistory();
    expect((await again.page(ALL)).entries.map((entry) => entry.from.name)).toEqual(['Chloe', 'Łukasz Wróbel']);
  });

  it('writes every call of a burst recorded just before the logout closes it', async () => {
    const history = openHistory();
    for (let index = 0; index < 5_000; index++)
      history.record(call(NOW - 60_000 + index, person(`2${index}`, `Caller ${index}`)));
    await closeAll();

    const raw = new BetterSqlite3(databasePath(dir, PROFILE_ID), { readonly: true });
    expect(raw.prepare('SELECT count(*) FROM history_calls').pluck().get()).toBe(5_000);
    raw.close();
  });

  it('writes calls recorded over several batches in the order they ended, each once, up to the logout', async () => {
    const history = openHistory();
    let recorded = 0;
    const recordSome = (count: number) => {
      for (const end = recorded + count; recorded < end; recorded++)
        history.record(call(NOW - 60_000, person(`2${recorded}`, `Caller ${recorded}`), { callId: `c${recorded}` }));
    };
    recordSome(2_500);
    for (let turn = 0; turn < 5; turn++) {
      await new Promise((resolve) => setTimeout(resolve, 90));
      recordSome(7);
    }
    await history.flush();
    recordSome(3);
    await closeAll();

    const raw = new BetterSqlite3(databasePath(dir, PROFILE_ID), { readonly: true });
    const written = raw.prepare('SELECT record FROM history_calls ORDER BY id').pluck().all() as string[];
    raw.close();
    expect(written.map((record) => (JSON.parse(record) as CallRecord).callId)).toEqual(
      Array.from({ length: recorded }, (_, index) => `c${index}`),
    );
  });

  it('prunes calls older than the retention when opened, and keeps the rest', async () => {
    const history = openHistory(30);
    history.record(call(NOW - 40 * DAY, person('201', 'Old')));
    history.record(call(NOW - 29 * DAY, person('202', 'Recent')));
    history.record(call(NOW - 31 * DAY, person('203', 'Just too old')));
    // More than one part of a prune.
    for (let index = 0; index < 1_200; index++) history.record(call(NOW - 60 * DAY + index, person('204', 'Older')));
    await history.flush();
    await closeAll();

    const reopened = openHistory(30);
    expect((await reopened.page(ALL)).entries.map((entry) => entry.from.name)).toEqual(['Recent']);
    const raw = new BetterSqlite3(databasePath(dir, PROFILE_ID), { readonly: true });
    expect((raw.prepare('SELECT count(*) AS n FROM history_calls').get() as { n: number }).n).toBe(1);
    raw.close();
  });

  it('filters missed, mine, today, a person and text (accents and case ignored), bounded and paged', async () => {
    const history = openHistory();
    const missed = { kind: 'missed' } as const;
    history.record(call(NOW - DAY, person('+33612345678', 'Łukasz Wróbel'), { outcome: missed }));
    history.record(call(NOW - 3 * 60_000, person('105', 'Eve', '105@internal'), { mine: false }));
    history.record(call(NOW - 2 * 60_000, person('+33612345678', 'Łukasz Wróbel')));
    history.record(call(NOW - 60_000, person('0143', 'Chloe'), { outcome: { kind: 'abandoned', queue: 'sales' } }));
    const names = async (query: Partial<HistoryQuery>) =>
      (await history.page({ ...ALL, ...query })).entries.map((entry) => entry.from.name);

    expect(await names({ missed: true })).toEqual(['Chloe', 'Łukasz Wróbel']);
    expect(await names({ today: true })).toEqual(['Chloe', 'Łukasz Wróbel', 'Eve']);
    expect(await names({ missed: true, today: true })).toEqual(['Chloe']);
    expect(await names({ mine: true })).not.toContain('Eve');
    expect(await names({ person: '+33612345678' })).toEqual(['Łukasz Wróbel', 'Łukasz Wróbel']);
    expect(await names({ text: 'LUKASZ wro' })).toEqual(['Łukasz Wróbel', 'Łukasz Wróbel']);
    expect(await names({ text: '%' })).toEqual([]);
    expect(await history.unseenMissed()).toBe(1);

    const firstPage = await history.page({ ...ALL, limit: 3 });
    expect([firstPage.entries.length, firstPage.total]).toEqual([3, 4]);
    expect((await history.page({ ...ALL, limit: 3, offset: 3 })).entries.map((entry) => entry.from.name)).toEqual([
      'Łukasz Wróbel',
    ]);
    expect(startOfDay(NOW)).toBe(new Date(2026, 11, 1).getTime());
  });
});

/**
 * Another connection to the file (an LDAP import in main, a second Switchboard on the same profile)
 * holding it for longer than the busy timeout, then letting go.
 */
function holdTheFile(): Promise<void> {
  const holder = new BetterSqlite3(databasePath(dir, PROFILE_ID));
  holder.exec('BEGIN IMMEDIATE');
  return new Promise((resolve) =>
    setTimeout(() => {
      holder.exec('COMMIT');
      holder.close();
      resolve();
    }, BUSY_TIMEOUT_MS + 3_000),
  );
}

describe('the call history while another connection holds the file past the busy timeout', () => {
  it('prunes at open once the file is free, with nothing reported as failed', async () => {
    const setup = openHistory(30);
    setup.record(call(NOW - 40 * DAY, person('201', 'Old')));
    setup.record(call(NOW - 29 * DAY, person('202', 'Recent')));
    await setup.flush();
    await closeAll();

    const errors: string[] = [];
    const directory = new ProfileDirectory(dir, PROFILE_ID);
    const released = holdTheFile();
    const history = new CallHistory({
      path: directory.path,
      retentionDays: 30,
      now: () => NOW,
      onChanged: () => undefined,
      onError: (message, error) => errors.push(`${message}: ${String(error)}`),
    });
    opened.push(directory, history);
    // Asked after the prune at open: answered once it is done.
    expect((await history.page(ALL)).entries.map((entry) => entry.from.name)).toEqual(['Recent']);
    await released;
    expect(errors).toEqual([]);
  }, 60_000);

  it('keeps the calls recorded meanwhile and writes every one once the file is free, saying it waits', async () => {
    const errors: string[] = [];
    const history = openHistory(
      30,
      () => NOW,
      (message, error) => errors.push(`${message}: ${String(error)}`),
    );
    await history.flush();
    const released = holdTheFile();
    for (let index = 0; index < 50; index++) history.record(call(NOW - 60_000 + index, person(`3${index}`, 'Held')));
    await released;
    await history.flush();

    expect((await history.page(ALL)).total).toBe(50);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error).toMatch(/^could not write 50 calls to the call history yet: .* kept/);
  }, 60_000);
});

describe('the header count of missed calls', () => {
  it("counts today's missed calls until the history is seen, then only the ones after, also after a reopen", async () => {
    const history = openHistory();
    history.record(call(NOW - DAY, person('201', 'Yesterday'), { outcome: { kind: 'missed' } }));
    history.record(call(NOW - 2 * 60_000, person('202', 'Missed'), { outcome: { kind: 'missed' } }));
    history.record(call(NOW - 60_000, person('203', 'Voicemail'), { outcome: { kind: 'voicemail', mailbox: '100' } }));
    history.record(call(NOW - 30_000, person('204', 'Answered')));
    expect((await history.page(ALL)).total).toBe(4);
    expect(await history.unseenMissed()).toBe(2);

    await history.markSeen();
    expect(await history.unseenMissed()).toBe(0);
    history.record(call(NOW - 10_000, person('205', 'After'), { outcome: { kind: 'abandoned', queue: 'sales' } }));
    await history.flush();
    await closeAll();

    expect(await openHistory().unseenMissed()).toBe(1);
  });

  it('follows every batch written, the calls another connection wrote meanwhile and the seen mark', async () => {
    const history = openHistory();
    const missed = (at: number, name: string) =>
      call(at, person(`2${at % 1000}`, name), { callId: `m${at}`, outcome: { kind: 'missed' } });
    history.record(missed(NOW - DAY, 'Yesterday'));
    history.record(missed(NOW - 50_000, 'First'));
    expect(await history.unseenMissed()).toBe(1);
    for (let batch = 1; batch <= 3; batch++) {
      history.record(missed(NOW - 40_000 + batch, `Missed ${batch}`));
      history.record(call(NOW - 30_000 + batch, person('204', 'Answered')));
      history.record(missed(NOW - DAY + batch, 'Also yesterday'));
      history.record(
        call(NOW - 20_000 + batch, person('205', 'Voicemail'), { outcome: { kind: 'voicemail', mailbox: '100' } }),
      );
      expect(await history.unseenMissed()).toBe(1 + 2 * batch);
    }

    // Another window or process writes to the same file: its calls count too.
    const other = connect(databasePath(dir, PROFILE_ID), { fileMustExist: true });
    new CallHistoryStore(other).insertMany([missed(NOW - 10_000, 'Elsewhere'), missed(NOW - DAY - 1, 'Old')]);
    other.close();
    expect(await history.unseenMissed()).toBe(8);

    await history.markSeen();
    expect(await history.unseenMissed()).toBe(0);
    history.record(missed(NOW - 5_000, 'After'));
    expect(await history.unseenMissed()).toBe(1);
  });
});

describe('the call history as CSV', () => {
  it('quotes every field, ends rows with CR LF, and writes a formula-looking name as text', async () => {
    const history = openHistory();
    history.record(
      call(NOW - 60_000, person('+33612345678', '=HYPERLINK("http://x","Click")'), {
        outcome: { kind: 'transferred', to: person('107', 'Ana "the boss", Sales', '107@internal') },
        recordingFile: '20261201-100-107.wav',
      }),
    );
    history.record(call(NOW - 30_000, person('-2+3', 'Line\r\nBreak'), { outcome: { kind: 'missed' }, talkMs: 0 }));
    const csv = await history.exportCsv(ALL);
    const rows = csv.split('\r\n');

    expect(rows[0]).toBe(
      '"Started","Ended","Direction","From number","From name","To number","To name","Wait (s)","Talk (s)","Outcome","Recording"',
    );
    expect(rows[1]).toContain(`"'-2+3","Line`);
    expect(csv).toContain('"Line\r\nBreak"');
    expect(csv).toContain(
      `"+33612345678","'=HYPERLINK(""http://x"",""Click"")","100","Reception","10","50","transferred to 107 Ana ""the boss"", Sales","20261201-100-107.wav"`,
    );
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).not.toMatch(/(^|,)"[=+\-@](?!\d)/m);
  });
});
