/** Reads the lab's JSONL AMI traces (../shared/ami-traces) into actions, notes and framed messages. */
import { readFileSync } from 'node:fs';
import { AmiFrameParser } from '../../../ami/parser';
import type { AmiMessage } from '../../../ami/message';

export type TraceStep =
  | { kind: 'connect'; conn: number; t: number }
  | { kind: 'action'; conn: number; t: number; message: AmiMessage }
  | { kind: 'note'; conn: number; t: number; note: string };

export interface Trace {
  readonly name: string;
  readonly user: string;
  readonly steps: readonly TraceStep[];
  /** What the server sent, framed, per connection. */
  readonly received: ReadonlyMap<number, readonly AmiMessage[]>;
}

function frame(bytes: string, expectBanner: boolean): AmiMessage[] {
  const out: AmiMessage[] = [];
  const parser = new AmiFrameParser({ expectBanner, onMessage: (m) => out.push(m) });
  parser.push(Buffer.from(bytes, 'utf8'));
  return out;
}

export function loadTrace(path: string): Trace {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const meta = (lines[0]?.meta ?? {}) as { scenario?: string; user?: string };
  const steps: TraceStep[] = [];
  const incoming = new Map<number, string>();
  for (const line of lines.slice(1)) {
    const conn = typeof line.conn === 'number' ? line.conn : 1;
    const t = Number(line.t);
    if (typeof line.note === 'string') {
      if (line.note.startsWith('connected to')) steps.push({ kind: 'connect', conn, t });
      else if (line.note !== 'cli-output') steps.push({ kind: 'note', conn, t, note: line.note });
    } else if (line.dir === 'out') {
      const message = frame(String(line.data), false)[0];
      if (message) steps.push({ kind: 'action', conn, t, message });
    } else if (line.dir === 'in') {
      incoming.set(conn, (incoming.get(conn) ?? '') + String(line.data));
    }
  }
  const received = new Map<number, AmiMessage[]>();
  for (const [conn, bytes] of incoming) received.set(conn, frame(bytes, true));
  return { name: meta.scenario ?? path, user: meta.user ?? 'console', steps, received };
}
