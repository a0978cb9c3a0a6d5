/** The lab's AMI traces (../shared/ami-traces) as the conformance tests read them: steps and framed replies. */
import { AmiFrameParser } from '../../../ami/parser';
import type { AmiMessage } from '../../../ami/message';
import { readTraceFile } from '../../../testing/ami-trace-file';

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

function frame(bytes: Buffer, expectBanner: boolean): AmiMessage[] {
  const out: AmiMessage[] = [];
  const parser = new AmiFrameParser({ expectBanner, onMessage: (m) => out.push(m) });
  parser.push(bytes);
  return out;
}

/** A trace by its path below the traces folder (`07-originate-bridge.jsonl`). */
export function loadTrace(file: string): Trace {
  const { meta, entries } = readTraceFile(file);
  const steps: TraceStep[] = [];
  const incoming = new Map<number, Buffer[]>();
  for (const entry of entries) {
    const { conn, t } = entry;
    if (entry.kind === 'note') {
      if (entry.note.startsWith('connected to')) steps.push({ kind: 'connect', conn, t });
      else if (entry.note !== 'cli-output') steps.push({ kind: 'note', conn, t, note: entry.note });
    } else if (entry.kind === 'out') {
      const message = frame(entry.bytes, false)[0];
      if (message) steps.push({ kind: 'action', conn, t, message });
    } else {
      incoming.set(conn, [...(incoming.get(conn) ?? []), entry.bytes]);
    }
  }
  const received = new Map<number, AmiMessage[]>();
  for (const [conn, chunks] of incoming) received.set(conn, frame(Buffer.concat(chunks), true));
  return { name: meta.scenario ?? file, user: meta.user ?? 'console', steps, received };
}
