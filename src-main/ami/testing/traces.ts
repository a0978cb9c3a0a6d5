/** Reads the lab's recorded Asterisk 20 sessions (../shared/ami-traces, JSONL) for the AMI tests. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AmiMessage } from '../message';
import { AmiFrameParser } from '../parser';

export const TRACE_DIR = fileURLToPath(new URL('../../../../shared/ami-traces/', import.meta.url));

/** The trace file names, sorted; empty when the folder is missing. */
export const TRACE_FILES: readonly string[] = existsSync(TRACE_DIR)
  ? readdirSync(TRACE_DIR)
      .filter((name) => name.endsWith('.jsonl'))
      .sort()
  : [];

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
  for (const line of readFileSync(TRACE_DIR + file, 'utf8').split('\n')) {
    if (line === '') continue;
    const entry = JSON.parse(line) as { dir?: 'in' | 'out'; data?: string; data_b64?: string; conn?: number };
    if (entry.dir === undefined) continue;
    const conn = entry.conn ?? 1;
    let connection = byConnection.get(conn);
    if (connection === undefined) {
      connection = { label: `${file.replace('.jsonl', '')}#${conn}`, chunks: [], writes: [] };
      byConnection.set(conn, connection);
    }
    const bytes =
      entry.data_b64 === undefined ? Buffer.from(entry.data ?? '', 'utf8') : Buffer.from(entry.data_b64, 'base64');
    (entry.dir === 'in' ? connection.chunks : connection.writes).push(bytes);
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
