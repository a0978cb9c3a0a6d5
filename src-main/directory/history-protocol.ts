import type { CallRecord, HistoryFilter, HistoryPage, HistoryQuery } from '../../src-shared/call-history';

/** What main asks the call history's writer thread (history-worker.ts); each answered by its `id`. */
export type HistoryQuestion =
  | { readonly op: 'flush' }
  | { readonly op: 'page'; readonly query: HistoryQuery; readonly todayStart: number }
  | { readonly op: 'unseenMissed'; readonly since: number }
  | { readonly op: 'markSeen' }
  | { readonly op: 'exportCsv'; readonly filter: HistoryFilter; readonly todayStart: number }
  | { readonly op: 'prune'; readonly cutoff: number }
  | { readonly op: 'close' };

/** What each question is answered with. */
export interface HistoryAnswers {
  flush: null;
  page: HistoryPage;
  unseenMissed: number;
  markSeen: null;
  exportCsv: string;
  prune: number;
  close: null;
}

export type ToHistoryWorker =
  | { readonly kind: 'record'; readonly records: readonly CallRecord[] }
  | { readonly kind: 'ask'; readonly id: number; readonly question: HistoryQuestion };

export type FromHistoryWorker =
  | { readonly kind: 'answer'; readonly id: number; readonly value: unknown }
  | { readonly kind: 'refused'; readonly id: number; readonly message: string }
  /**
   * A batch was committed (`written` calls), or could not be (`failed`, with SQLite's words): `kept`
   * when the file was busy and the batch waits to be tried again, else its calls are lost.
   */
  | { readonly kind: 'written'; readonly count: number }
  | { readonly kind: 'failed'; readonly count: number; readonly kept: boolean; readonly message: string };

/** What the thread is started with. */
export interface HistoryWorkerData {
  readonly path: string;
}
