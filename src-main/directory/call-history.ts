import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CallRecord, HistoryFilter, HistoryPage, HistoryQuery } from '../../src-shared/call-history';
import type * as Wire from './history-protocol';

const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;
/**
 * How long a finished call waits in main to go to the writer with the others that end meanwhile:
 * each message wakes the writer thread, and a thread woken takes the core from main's event loop
 * on a busy two-core machine, so main posts a batch at most this often, not each turn.
 */
const WRITE_DELAY_MS = 200;
/** A burst this large goes to the writer at once rather than held. */
const WRITE_BATCH_MAX = 1_000;

export interface CallHistoryOptions {
  /** The profile's database file, already opened (checked and migrated) by its ProfileDirectory. */
  readonly path: string;
  readonly retentionDays: number;
  /** After each batch is written and when calls are seen (the page's missed count and open list refresh). */
  readonly onChanged: (unseenMissed: number) => void;
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
 * One profile's call history: finished calls handed in batches to a writer thread
 * (history-worker.ts) that writes each batch in one transaction, so main's event loop only posts
 * them; read by the history panel, pruned to the profile's retention. Each query is answered after
 * every call recorded before it is written.
 */
export class CallHistory {
  private readonly worker: Worker;
  private readonly now: () => number;
  private queued: CallRecord[] = [];
  private posting: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>();
  private readonly pruneTimer: ReturnType<typeof setInterval>;
  private stopped: Error | undefined;

  constructor(private readonly options: CallHistoryOptions) {
    this.now = options.now ?? Date.now;
    this.worker = startWriter({ path: options.path });
    this.worker.on('message', (message: Wire.FromHistoryWorker) => this.heard(message));
    this.worker.on('error', (error) => {
      options.onError('the call history stopped writing', error);
      this.stop(error);
    });
    this.worker.on('exit', () => this.stop(new Error('the call history is closed')));
    void this.prune();
    this.pruneTimer = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  /** The insert entry point: queues the call; the calls of WRITE_DELAY_MS go to the writer together. */
  record(record: CallRecord): void {
    if (this.stopped) return;
    this.queued.push(record);
    if (this.queued.length >= WRITE_BATCH_MAX) this.post();
    else this.posting ??= setTimeout(() => this.post(), WRITE_DELAY_MS);
  }

  /** Resolves once every call recorded so far is committed. */
  flush(): Promise<void> {
    return this.ask({ op: 'flush' }).then(() => undefined);
  }

  page(query: HistoryQuery): Promise<HistoryPage> {
    return this.ask({ op: 'page', query, todayStart: startOfDay(this.now()) });
  }

  /** Today's missed calls the operator has not seen in the history yet (the header's count). */
  unseenMissed(): Promise<number> {
    return this.ask({ op: 'unseenMissed', since: startOfDay(this.now()) });
  }

  /** The operator has looked at the history: the header's count starts again from nothing. */
  async markSeen(): Promise<void> {
    await this.ask({ op: 'markSeen' });
    this.changed();
  }

  exportCsv(filter: HistoryFilter): Promise<string> {
    return this.ask({ op: 'exportCsv', filter, todayStart: startOfDay(this.now()) });
  }

  /** Deletes calls older than the retention; resolves with how many went. */
  async prune(): Promise<number> {
    try {
      return await this.ask({ op: 'prune', cutoff: this.now() - this.options.retentionDays * DAY_MS });
    } catch (error) {
      if (!this.stopped) this.options.onError('could not prune the call history', error);
      return 0;
    }
  }

  /** Writes every call recorded so far, then closes the writer's connection and ends its thread. */
  async close(): Promise<void> {
    clearInterval(this.pruneTimer);
    if (this.stopped) return;
    const ended = new Promise((resolve) => this.worker.once('exit', resolve));
    await this.ask({ op: 'close' });
    await ended;
  }

  private post(): void {
    clearTimeout(this.posting);
    this.posting = undefined;
    if (this.queued.length === 0) return;
    this.send({ kind: 'record', records: this.queued });
    this.queued = [];
  }

  private ask<Q extends Wire.HistoryQuestion>(question: Q): Promise<Wire.HistoryAnswers[Q['op']]> {
    if (this.stopped) return Promise.reject(this.stopped);
    // Calls recorded before the question go first: the answer counts them.
    this.post();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.send({ kind: 'ask', id, question });
    });
  }

  private send(message: Wire.ToHistoryWorker): void {
    this.worker.postMessage(message);
  }

  private heard(message: Wire.FromHistoryWorker): void {
    switch (message.kind) {
      case 'answer':
      case 'refused': {
        const waiter = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        if (message.kind === 'answer') waiter?.resolve(message.value as never);
        else waiter?.reject(new Error(message.message));
        return;
      }
      case 'written':
        this.changed();
        return;
      case 'failed':
        this.options.onError(
          message.kept
            ? `could not write ${message.count} calls to the call history yet: the file is busy, they are kept and tried again`
            : `could not write ${message.count} calls to the call history`,
          message.message,
        );
        return;
    }
  }

  private changed(): void {
    this.unseenMissed().then(
      (count) => this.options.onChanged(count),
      (error: unknown) => {
        if (!this.stopped) this.options.onError('could not count the missed calls', error);
      },
    );
  }

  private stop(error: Error): void {
    this.stopped ??= error;
    clearInterval(this.pruneTimer);
    for (const waiter of this.waiting.values()) waiter.reject(this.stopped);
    this.waiting.clear();
  }
}

/**
 * The writer thread: the built file beside main's bundle (electron.vite.config.ts names it), or the
 * TypeScript source when main itself runs from source (tests, benchmarks, the browser host).
 */
function startWriter(workerData: Wire.HistoryWorkerData): Worker {
  const built = new URL('./history-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return new Worker(built, { workerData });
  const source = new URL('./history-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
