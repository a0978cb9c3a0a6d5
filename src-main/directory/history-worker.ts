/**
 * The call history's writer thread: it owns a connection to the profile's database and writes each
 * batch of calls main posts (call-history.ts) in one transaction, so neither the inserts nor the
 * checkpoints that follow them take time from main's event loop (the board's lamps). It answers the
 * history panel's queries too, after writing what came before them.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { CallRecord } from '../../src-shared/call-history';
import { CallHistoryStore } from './call-history-store';
import { connect } from './database';
import { historyCsv } from './history-csv';
import type {
  FromHistoryWorker,
  HistoryAnswers,
  HistoryQuestion,
  HistoryWorkerData,
  ToHistoryWorker,
} from './history-protocol';

/** A prune deletes at most this many calls per transaction, so it never holds the file for long. */
const PRUNE_CHUNK = 500;
/** The pause between a prune's parts: long enough for a connection waiting on the file to take its turn. */
const PRUNE_PAUSE_MS = 25;
/** How long a write that found the file held past the busy timeout (an import, another process) waits to try again. */
const BUSY_RETRY_MS = 1_000;
/** How often a prune part, or the last batch before closing, is tried on a busy file before giving up. */
const BUSY_TRIES = 10;

if (!parentPort) throw new Error('the call history writer runs as a worker thread');
const port: MessagePort = parentPort;
const { path } = workerData as HistoryWorkerData;
// The file was checked and migrated by main's connection before this thread started.
const db = connect(path, { fileMustExist: true });
const store = new CallHistoryStore(db);
let queued: CallRecord[] = [];
let writeTimer: ReturnType<typeof setTimeout> | undefined;
/** The questions, answered one after another in the order they came. */
let answering = Promise.resolve();

const tell = (message: FromHistoryWorker) => port.postMessage(message);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SQLite's answer when another connection held the file for longer than the busy timeout. */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * Writes the queued calls in one transaction. A batch the file was too busy for stays first in
 * line and is tried again shortly. Returns why it failed, so a question waiting on it is refused.
 */
function write(): Error | undefined {
  clearTimeout(writeTimer);
  writeTimer = undefined;
  const batch = queued;
  if (batch.length === 0) return undefined;
  queued = [];
  try {
    store.insertMany(batch);
  } catch (error) {
    const kept = isBusy(error);
    if (kept) {
      queued = batch.concat(queued);
      writeTimer = setTimeout(write, BUSY_RETRY_MS);
    }
    tell({ kind: 'failed', count: batch.length, kept, message: String(error) });
    return error instanceof Error ? error : new Error(String(error));
  }
  tell({ kind: 'written', count: batch.length });
  return undefined;
}

/**
 * Deletes the calls that ended before `cutoff` a part at a time, letting the calls posted meanwhile
 * (and other connections) write between parts; a part the file was too busy for is tried again.
 */
async function prune(cutoff: number): Promise<number> {
  let pruned = 0;
  for (let tries = 1; ;) {
    let gone: number;
    try {
      gone = store.pruneSomeBefore(cutoff, PRUNE_CHUNK);
    } catch (error) {
      if (!isBusy(error) || tries++ >= BUSY_TRIES) throw error;
      await pause(BUSY_RETRY_MS);
      continue;
    }
    pruned += gone;
    if (gone < PRUNE_CHUNK) return pruned;
    await pause(PRUNE_PAUSE_MS);
  }
}

/** At logout or quit: the calls still queued are written, waiting out a busy file a while, then the file closes. */
async function closeAfterWriting(): Promise<null> {
  for (let tries = 1; write() !== undefined && queued.length > 0 && tries < BUSY_TRIES; tries++)
    await pause(BUSY_RETRY_MS);
  clearTimeout(writeTimer);
  if (queued.length > 0) {
    tell({
      kind: 'failed',
      count: queued.length,
      kept: false,
      message: 'the file stayed locked until the history closed',
    });
    queued = [];
  }
  db.close();
  return null;
}

async function answer(question: HistoryQuestion): Promise<HistoryAnswers[HistoryQuestion['op']]> {
  if (question.op === 'close') return closeAfterWriting();
  const unwritten = write();
  if (unwritten !== undefined) throw unwritten;
  switch (question.op) {
    case 'flush':
      return null;
    case 'page':
      return store.page(question.query, question.todayStart);
    case 'unseenMissed':
      return store.unseenMissedSince(question.since);
    case 'markSeen':
      store.markAllSeen();
      return null;
    case 'exportCsv':
      return historyCsv(store.matching(question.filter, question.todayStart));
    case 'prune':
      return prune(question.cutoff);
  }
}

async function reply(id: number, question: HistoryQuestion): Promise<void> {
  try {
    const value = await answer(question);
    tell({ kind: 'answer', id, value });
    // Nothing is left to keep the thread alive: it ends once the answer is out.
    if (question.op === 'close') port.close();
  } catch (error) {
    tell({ kind: 'refused', id, message: String(error) });
  }
}

port.on('message', (message: ToHistoryWorker) => {
  if (message.kind === 'record') {
    queued.push(...message.records);
    // Main held them to make the batch; only a file found busy keeps them waiting for its retry.
    if (writeTimer === undefined) write();
    return;
  }
  answering = answering.then(() => reply(message.id, message.question));
});
