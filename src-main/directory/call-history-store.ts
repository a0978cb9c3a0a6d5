import type { Database, Statement } from 'better-sqlite3';
import {
  MISSED_OUTCOMES,
  type CallRecord,
  type HistoryEntry,
  type HistoryFilter,
  type HistoryPage,
  type HistoryQuery,
} from '../../src-shared/call-history';
import { fold } from './search-text';

/** The most calls one export holds, newest first. */
const HISTORY_EXPORT_MAX = 100_000;

const MISSED_SQL = MISSED_OUTCOMES.map((kind) => `'${kind}'`).join(', ');

/** `%`, `_` and the escape itself are literal in what the operator types. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * The call history's rows in the profile's database. Writes come in batches, one transaction each,
 * so 2,000 calls cost one commit, not 2,000.
 */
export class CallHistoryStore {
  private readonly insert: Statement;
  private readonly prune: Statement;
  private readonly countUnseen: Statement;
  /**
   * The header's count as last read from the file, moved on by the calls this connection writes, so
   * the count after each batch costs nothing: counting the table again took the writer thread tens
   * of ms per batch at a few thousand calls a day, a CPU burst that held back main's lamps on two
   * cores. Read again when the day, the seen mark or the file (another connection wrote) changed.
   */
  private unseen: { since: number; lastSeenId: number; fileVersion: number; count: number } | undefined;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      'INSERT INTO history_calls (started_at, ended_at, mine, outcome, numbers, search, record) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.prune = db.prepare(
      'DELETE FROM history_calls WHERE id IN (SELECT id FROM history_calls WHERE ended_at < ? LIMIT ?)',
    );
    this.countUnseen = db.prepare(
      `SELECT s.last_call_id AS lastSeenId,
         (SELECT count(*) FROM history_calls WHERE outcome IN (${MISSED_SQL}) AND started_at >= @since
            AND id > s.last_call_id) AS count
       FROM history_seen s`,
    );
  }

  insertMany(records: readonly CallRecord[]): void {
    const ids = this.db.transaction(() =>
      records.map((record) => {
        const people = record.parties.length > 0 ? record.parties : [record.from];
        return this.insert.run(
          record.startedAt,
          record.endedAt,
          record.mine ? 1 : 0,
          record.outcome.kind,
          `|${people.map((person) => person.number).join('|')}|`,
          fold(people.map((person) => `${person.name} ${person.number}`).join(' ')),
          JSON.stringify(record),
        ).lastInsertRowid as number;
      }),
    )();
    // Committed: the calls the count's query would find now are added to it.
    const unseen = this.unseen;
    if (!unseen) return;
    records.forEach((record, index) => {
      if (
        MISSED_OUTCOMES.includes(record.outcome.kind) &&
        record.startedAt >= unseen.since &&
        ids[index]! > unseen.lastSeenId
      )
        unseen.count += 1;
    });
  }

  page(query: HistoryQuery, todayStart: number): HistoryPage {
    const { where, values } = whereOf(query, todayStart);
    const total = (this.db.prepare(`SELECT count(*) AS n FROM history_calls ${where}`).get(...values) as { n: number })
      .n;
    const entries = this.entries(where, values, query.limit, query.offset);
    return { entries, total, offset: query.offset };
  }

  /** Everything the filters match, newest first, up to HISTORY_EXPORT_MAX calls. */
  matching(query: HistoryFilter, todayStart: number): HistoryEntry[] {
    const { where, values } = whereOf(query, todayStart);
    return this.entries(where, values, HISTORY_EXPORT_MAX, 0);
  }

  /** Missed calls that started from `since` on and came after the last call the operator saw. */
  unseenMissedSince(since: number): number {
    // Changes when another connection commits to the file, never for this one's own writes.
    const fileVersion = this.db.pragma('data_version', { simple: true }) as number;
    if (this.unseen?.since !== since || this.unseen.fileVersion !== fileVersion) {
      const { lastSeenId, count } = this.countUnseen.get({ since }) as { lastSeenId: number; count: number };
      this.unseen = { since, lastSeenId, fileVersion, count };
    }
    return this.unseen.count;
  }

  /** Every call stored so far counts as seen. */
  markAllSeen(): void {
    this.unseen = undefined;
    this.db.prepare('UPDATE history_seen SET last_call_id = (SELECT coalesce(max(id), 0) FROM history_calls)').run();
  }

  /** Deletes up to `most` of the calls that ended before `cutoff`, in one transaction; returns how many. */
  pruneSomeBefore(cutoff: number, most: number): number {
    this.unseen = undefined;
    return this.prune.run(cutoff, most).changes;
  }

  private entries(where: string, values: readonly unknown[], limit: number, offset: number): HistoryEntry[] {
    const rows = this.db
      .prepare(`SELECT id, record FROM history_calls ${where} ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?`)
      .all(...values, limit, offset) as { id: number; record: string }[];
    return rows.map((row) => ({ ...(JSON.parse(row.record) as CallRecord), id: row.id }));
  }
}

function whereOf(query: HistoryFilter, todayStart: number): { where: string; values: unknown[] } {
  const clauses: string[] = [];
  const values: unknown[] = [];
  if (query.missed) clauses.push(`outcome IN (${MISSED_SQL})`);
  if (query.mine) clauses.push('mine = 1');
  if (query.today) {
    clauses.push('started_at >= ?');
    values.push(todayStart);
  }
  if (query.person !== undefined) {
    clauses.push("numbers LIKE ? ESCAPE '\\'");
    values.push(`%|${likeLiteral(query.person)}|%`);
  }
  const text = fold(query.text.trim());
  if (text !== '') {
    clauses.push("search LIKE ? ESCAPE '\\'");
    values.push(`%${likeLiteral(text)}%`);
  }
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', values };
}
