/**
 * The call history's writer thread: it owns a connection to the profile's database and writes the
 * calls main posts in batches, one transaction each, so neither the inserts nor the checkpoints
 * that follow them take time from main's event loop (the board's lamps). It answers the history
 * panel's queries too, after writing what came before them.
 */
import { parentPort, workerData } from 'node:worker_threads';
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

/** How long a finished call waits to be written with the others that end meanwhile. */
const WRITE_DELAY_MS = 200;
/** A burst this large is written at once rather than held. */
const WRITE_BATCH_MAX = 1_000;

const port = parentPort;
if (!port) throw new Error('the call history writer runs as a worker thread');
const { path } = workerData as HistoryWorkerData;
// The file was checked and migrated by main's connection before this thread started.
const db = connect(path, { fileMustExist: true });
const store = new CallHistoryStore(db);
let queued: CallRecord[] = [];
let writeTimer: ReturnType<typeof setTimeout> | undefined;

const tell = (message: FromHistoryWorker) => port.postMessage(message);

function write(): void {
  clearTimeout(writeTimer);
  writeTimer = undefined;
  const batch = queued;
  if (batch.length === 0) return;
  queued = [];
  try {
    store.insertMany(batch);
  } catch (error) {
    tell({ kind: 'failed', count: batch.length, message: String(error) });
    return;
  }
  tell({ kind: 'written', count: batch.length });
}

function answer(question: HistoryQuestion): HistoryAnswers[HistoryQuestion['op']] {
  write();
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
      return store.pruneBefore(question.cutoff);
    case 'close':
      db.close();
      return null;
  }
}

port.on('message', (message: ToHistoryWorker) => {
  if (message.kind === 'record') {
    queued.push(...message.records);
    if (queued.length >= WRITE_BATCH_MAX) write();
    else writeTimer ??= setTimeout(write, WRITE_DELAY_MS);
    return;
  }
  try {
    const value = answer(message.question);
    tell({ kind: 'answer', id: message.id, value });
    // Nothing is left to keep the thread alive: it ends once the answer is out.
    if (message.question.op === 'close') port.close();
  } catch (error) {
    tell({ kind: 'refused', id: message.id, message: String(error) });
  }
});
