/** The lab's recorded Asterisk 20 sessions as the AMI tests read them: per connection, bytes each way. */
import type { AmiMessage } from '../message';
import { AmiFrameParser } from '../parser';
import { readTraceFile } from '../../testing/ami-trace-file';

export { TRACE_DIR, TRACE_FILES } from '../../testing/ami-trace-file';

export interface TraceConnection {
  /** `<file without .jsonl>#<connection number>`. */
  label: string;
  /** What the server sent, as the recorded socket `data` chunks. */
  chunks: Buffer[];
  /** What the client wrote, one action per write. */
  writes: Buffer[];
}

export function loadTraceConnections(file: string): TraceConnection[] {
  const byConnection = new Map<number, TraceConnection>();
  for (const entry of readTraceFile(file).entries) {
    if (entry.kind === 'note') continue;
    let connection = byConnection.get(entry.conn);
    if (connection === undefined) {
      connection = { label: `${file.replace('.jsonl', '')}#${entry.conn}`, chunks: [], writes: [] };
      byConnection.set(entry.conn, connection);
    }
    (entry.kind === 'in' ? connection.chunks : connection.writes).push(entry.bytes);
  }
  return [...byConnection.values()];
}

/** Banner and messages framed from `chunks`, as the client's parser delivers them. */
export function frameServerStream(chunks: readonly Uint8Array[]): { banners: string[]; messages: AmiMessage[] } {
  const banners: string[] = [];
  const messages: AmiMessage[] = [];
  const parser = new AmiFrameParser({
    expectBanner: true,
    onBanner: (line) => banners.push(line),
    onMessage: (m) => messages.push(m),
  });
  for (const chunk of chunks) parser.push(chunk);
  return { banners, messages };
}
