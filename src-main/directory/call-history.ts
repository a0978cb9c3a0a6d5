import type { Database } from 'better-sqlite3';
import type { CallRecord, HistoryFilter, HistoryPage, HistoryQuery } from '../../src-shared/call-history';
import { CallHistoryStore } from './call-history-store';
import { historyCsv } from './history-csv';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a finished call waits to be written with the others that end meanwhile. */
const WRITE_DELAY_MS = 200;
/** A burst this large is written at once rather than held. */
const WRITE_BATCH_MAX = 1_000;
const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;

export interface CallHistoryOptions {
  readonly db: Database;
  readonly retentionDays: number;
  /** After each batch is written and when calls are seen (the page's missed count and open list refresh). */
  readonly onChanged: () => void;
  readonly onError: (message: string, error: unknown) => void;
  readonly now?: () => number;
}

/** Local midnight of the day `now` falls in. */
export function startOfDay(now: number): number {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/**
 * One profile's call history: finished calls queued and written in batches off the AMI path
 * (`record` only queues), read by the history panel, pruned to the profile's retention.
 */
export class CallHistory {
  private readonly store: CallHistoryStore;
  private readonly now: () => number;
  private queued: CallRecord[] = [];
  private writeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly pruneTimer: ReturnType<typeof setInterval>;

  constructor(private readonly options: CallHistoryOptions) {
    this.store = new CallHistoryStore(options.db);
    this.now = options.now ?? Date.now;
    this.prune();
    this.pruneTimer = setInterval(() => this.prune(), PRUNE_EVERY_MS);
    this.pruneTimer.unref?.();
  }

  /** The insert entry point: queues the call; it is written with the others of its burst. */
  record(record: CallRecord): void {
    this.queued.push(record);
    if (this.queued.length >= WRITE_BATCH_MAX) this.flush();
    else this.writeTimer ??= setTimeout(() => this.flush(), WRITE_DELAY_MS);
  }

  /** Writes what is queued, in one transaction. */
  flush(): void {
    clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    const batch = this.queued;
    if (batch.length === 0) return;
    this.queued = [];
    try {
      this.store.insertMany(batch);
    } catch (error) {
      this.options.onError(`could not write ${batch.length} calls to the call history`, error);
      return;
    }
    this.options.onChanged();
  }

  page(query: HistoryQuery): HistoryPage {
    this.flush();
    return this.store.page(query, startOfDay(this.now()));
  }

  /** Today's missed calls the operator has not seen in the history yet (the header's count). */
  unseenMissed(): number {
    return this.store.unseenMissedSince(startOfDay(this.now()));
  }

  /** The operator has looked at the history: the header's count starts again from nothing. */
  markSeen(): void {
    this.flush();
    this.store.markAllSeen();
    this.options.onChanged();
  }

  exportCsv(query: HistoryFilter): string {
    this.flush();
    return historyCsv(this.store.matching(query, startOfDay(this.now())));
  }

  /** Deletes calls older than the retention; returns how many went. */
  prune(): number {
    try {
      return this.store.pruneBefore(this.now() - this.options.retentionDays * DAY_MS);
    } catch (error) {
      this.options.onError('could not prune the call history', error);
      return 0;
    }
  }

  close(): void {
    clearInterval(this.pruneTimer);
    this.flush();
  }
}
