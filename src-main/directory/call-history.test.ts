import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallRecord, HistoryPerson, HistoryQuery } from '../../src-shared/call-history';
import { CallHistory, startOfDay } from './call-history';
import { databasePath } from './database';
import { ProfileDirectory } from './profile-directory';

/** The call history in a profile's database file on disk, opened the way a login opens it. */
const PROFILE_ID = '5d1c8f7e-2b3a-4c5d-8e9f-0a1b2c3d4e5f';
const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date(2026, 11, 1, 15, 0, 0).getTime();

let dir: string;
const opened: Array<{ close(): void }> = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-history-'));
});
afterEach(async () => {
  for (const one of opened.splice(0).reverse()) one.close();
  await rm(dir, { recursive: true, force: true });
});

function openHistory(retentionDays = 30, now = () => NOW) {
  const directory = new ProfileDirectory(dir, PROFILE_ID);
  const history = new CallHistory({
    db: directory.db,
    retentionDays,
    now,
    onChanged: () => undefined,
    onError: (message, error) => {
      throw new Error(`${message}: ${String(error)}`);
    },
  });
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
  it('keeps what was recorded across a close and a reopen of the file, newest first', () => {
    const first = openHistory();
    first.record(call(NOW - 2 * 60_000, person('+33612345678', 'Łukasz Wróbel')));
    first.record(call(NOW - 60_000, person('0143', 'Chloe')));
    first.close();
    opened
      .splice(0)
      .reverse()
      .forEach((one) => one.close());

    const again = openHistory();
    expect(again.page(ALL).entries.map((entry) => entry.from.name)).toEqual(['Chloe', 'Łukasz Wróbel']);
  });

  it('prunes calls older than the retention when opened, and keeps the rest', () => {
    const history = openHistory(30);
    history.record(call(NOW - 40 * DAY, person('201', 'Old')));
    history.record(call(NOW - 29 * DAY, person('202', 'Recent')));
    history.record(call(NOW - 31 * DAY, person('203', 'Just too old')));
    history.flush();
    opened
      .splice(0)
      .reverse()
      .forEach((one) => one.close());

    const reopened = openHistory(30);
    expect(reopened.page(ALL).entries.map((entry) => entry.from.name)).toEqual(['Recent']);
    const raw = new BetterSqlite3(databasePath(dir, PROFILE_ID), { readonly: true });
    expect((raw.prepare('SELECT count(*) AS n FROM history_calls').get() as { n: number }).n).toBe(1);
    raw.close();
  });

  it('filters missed, mine, today, a person and text (accents and case ignored), bounded and paged', () => {
    const history = openHistory();
    const missed = { kind: 'missed' } as const;
    history.record(call(NOW - DAY, person('+33612345678', 'Łukasz Wróbel'), { outcome: missed }));
    history.record(call(NOW - 3 * 60_000, person('105', 'Eve', '105@internal'), { mine: false }));
    history.record(call(NOW - 2 * 60_000, person('+33612345678', 'Łukasz Wróbel')));
    history.record(call(NOW - 60_000, person('0143', 'Chloe'), { outcome: { kind: 'abandoned', queue: 'sales' } }));
    const names = (query: Partial<HistoryQuery>) =>
      history.page({ ...ALL, ...query }).entries.map((entry) => entry.from.name);

    expect(names({ missed: true })).toEqual(['Chloe', 'Łukasz Wróbel']);
    expect(names({ today: true })).toEqual(['Chloe', 'Łukasz Wróbel', 'Eve']);
    expect(names({ missed: true, today: true })).toEqual(['Chloe']);
    expect(names({ mine: true })).not.toContain('Eve');
    expect(names({ person: '+33612345678' })).toEqual(['Łukasz Wróbel', 'Łukasz Wróbel']);
    expect(names({ text: 'LUKASZ wro' })).toEqual(['Łukasz Wróbel', 'Łukasz Wróbel']);
    expect(names({ text: '%' })).toEqual([]);
    expect(history.unseenMissed()).toBe(1);

    const firstPage = history.page({ ...ALL, limit: 3 });
    expect([firstPage.entries.length, firstPage.total]).toEqual([3, 4]);
    expect(history.page({ ...ALL, limit: 3, offset: 3 }).entries.map((entry) => entry.from.name)).toEqual([
      'Łukasz Wróbel',
    ]);
    expect(startOfDay(NOW)).toBe(new Date(2026, 11, 1).getTime());
  });
});

describe('the header count of missed calls', () => {
  it("counts today's missed calls until the history is seen, then only the ones after, also after a reopen", () => {
    const history = openHistory();
    history.record(call(NOW - DAY, person('201', 'Yesterday'), { outcome: { kind: 'missed' } }));
    history.record(call(NOW - 2 * 60_000, person('202', 'Missed'), { outcome: { kind: 'missed' } }));
    history.record(call(NOW - 60_000, person('203', 'Voicemail'), { outcome: { kind: 'voicemail', mailbox: '100' } }));
    history.record(call(NOW - 30_000, person('204', 'Answered')));
    expect(history.page(ALL).total).toBe(4);
    expect(history.unseenMissed()).toBe(2);

    history.markSeen();
    expect(history.unseenMissed()).toBe(0);
    history.record(call(NOW - 10_000, person('205', 'After'), { outcome: { kind: 'abandoned', queue: 'sales' } }));
    history.flush();
    opened
      .splice(0)
      .reverse()
      .forEach((one) => one.close());

    expect(openHistory().unseenMissed()).toBe(1);
  });
});

describe('the call history as CSV', () => {
  it('quotes every field, ends rows with CR LF, and writes a formula-looking name as text', () => {
    const history = openHistory();
    history.record(
      call(NOW - 60_000, person('+33612345678', '=HYPERLINK("http://x","Click")'), {
        outcome: { kind: 'transferred', to: person('107', 'Ana "the boss", Sales', '107@internal') },
        recordingFile: '20261201-100-107.wav',
      }),
    );
    history.record(call(NOW - 30_000, person('-2+3', 'Line\r\nBreak'), { outcome: { kind: 'missed' }, talkMs: 0 }));
    const csv = history.exportCsv(ALL);
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
