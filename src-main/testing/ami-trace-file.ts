/**
 * The one reader of the lab's recorded Asterisk sessions (../shared/ami-traces, JSONL): each line is a
 * note, or bytes the server sent (`in`) or the recorder wrote (`out`) on a numbered connection.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TRACE_DIR = fileURLToPath(new URL('../../../shared/ami-traces/', import.meta.url));

/** The trace file names at the top of the folder, sorted; empty when the folder is missing. */
export const TRACE_FILES: readonly string[] = existsSync(TRACE_DIR)
  ? readdirSync(TRACE_DIR)
      .filter((name) => name.endsWith('.jsonl'))
      .sort()
  : [];

export interface TraceMeta {
  readonly scenario?: string;
  readonly user?: string;
}

export type TraceEntry =
  | { readonly kind: 'note'; readonly t: number; readonly conn: number; readonly note: string }
  | { readonly kind: 'in' | 'out'; readonly t: number; readonly conn: number; readonly bytes: Buffer };

interface TraceLine {
  meta?: TraceMeta;
  t?: number;
  conn?: number;
  note?: string;
  dir?: 'in' | 'out';
  data?: string;
  data_b64?: string;
}

/** A trace by its path below the folder (`07-originate-bridge.jsonl`, `receptionist/21-chanspy.jsonl`). */
export function readTraceFile(file: string): { meta: TraceMeta; entries: TraceEntry[] } {
  let meta: TraceMeta = {};
  const entries: TraceEntry[] = [];
  let t = 0;
  for (const text of readFileSync(TRACE_DIR + file, 'utf8').split('\n')) {
    if (text === '') continue;
    const line = JSON.parse(text) as TraceLine;
    if (line.meta !== undefined) meta = line.meta;
    t = line.t ?? t;
    const conn = line.conn ?? 1;
    if (line.note !== undefined) entries.push({ kind: 'note', t, conn, note: line.note });
    else if (line.dir !== undefined) {
      const bytes =
        line.data_b64 === undefined ? Buffer.from(line.data ?? '', 'utf8') : Buffer.from(line.data_b64, 'base64');
      entries.push({ kind: line.dir, t, conn, bytes });
    }
  }
  return { meta, entries };
}
