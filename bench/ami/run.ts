import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStreamServer } from './server';
import { generateStream } from './stream';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const SEED = 20_251_123;
const ALL_CLIENTS = [
  'ours',
  'asterisk.io',
  'yana',
  'ami-io',
  'asterisk-manager',
  'asterisk-ami-client',
  'raw',
] as const;
// BENCH_CLIENTS=ours,raw narrows a run while tuning; the report always runs them all.
const CLIENTS =
  process.env.BENCH_CLIENTS === undefined
    ? ALL_CLIENTS
    : ALL_CLIENTS.filter((name) => process.env.BENCH_CLIENTS!.split(',').includes(name));
const PEERS = ALL_CLIENTS.filter((name) => name !== 'ours' && name !== 'raw');
const MODES = ['online', 'offline'] as const;
const WORKER_LIMIT_MS = 60_000;
// Each client runs this many times, the rounds interleaved so that a busy spell on the machine hits
// every client alike; the table shows each client's median run and the spread.
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

type Mode = (typeof MODES)[number];

interface Measurement {
  client: string;
  mode: Mode;
  events: number;
  correct: boolean | 'countOnly';
  eventsPerSecond: number;
  megabytesPerSecond: number;
  peakRssMegabytes: number;
  note: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const stream = generateStream(EVENTS, SEED);
const folder = mkdtempSync(join(tmpdir(), 'ami-bench-'));
const streamFile = join(folder, 'stream.bin');
writeFileSync(streamFile, stream.bytes);
const server = await startStreamServer(stream.bytes);

console.log(
  `ami-ingest: ${EVENTS} events, ${(stream.bytes.length / 1e6).toFixed(1)} MB, seed ${SEED}, node ${process.version}, ${RUNS} runs each`,
);

const runs: Measurement[] = [];
try {
  for (let round = 1; round <= RUNS; round++) {
    for (const mode of MODES) {
      for (const client of CLIENTS) {
        const measurement = await measure(client, mode);
        runs.push(measurement);
        console.log(
          `  run ${round} ${mode} ${client}: ${Math.round(measurement.eventsPerSecond)} ev/s ${measurement.note}`,
        );
      }
    }
  }
} finally {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
}

const results = MODES.flatMap((mode) =>
  CLIENTS.map((client) => typical(runs.filter((r) => r.mode === mode && r.client === client))),
);
printTable(results);
const summaries = MODES.map((mode) =>
  summarise(
    results.filter((r) => r.mode === mode),
    mode,
  ),
);
for (const summary of summaries) console.log(summary);

async function measure(client: string, mode: Mode): Promise<Measurement> {
  const output = await runWorker([client, mode, String(server.port), streamFile, String(EVENTS)]);
  const base = {
    client,
    mode,
    events: 0,
    correct: false,
    eventsPerSecond: 0,
    megabytesPerSecond: 0,
    peakRssMegabytes: 0,
  } as const;
  let parsed: { events: number; checksum: number; elapsedMs: number; peakRssBytes: number };
  try {
    parsed = JSON.parse(output.stdout.trim().split('\n').pop() ?? '') as typeof parsed;
  } catch {
    return { ...base, note: `no result (${output.stderr.trim().split('\n').pop() ?? 'exit ' + output.code})` };
  }
  const seconds = parsed.elapsedMs / 1000;
  const countOk = parsed.events === EVENTS;
  const correct = client === 'raw' ? (countOk ? 'countOnly' : false) : countOk && parsed.checksum === stream.checksum;
  let note = '';
  if (!countOk) note = `received ${parsed.events} of ${EVENTS}`;
  else if (correct === false) note = 'checksum mismatch (damaged Event, Uniqueid or CallerIDName)';
  return {
    client,
    mode,
    events: parsed.events,
    correct,
    // Timed from the first event to the last: the events after the first.
    eventsPerSecond: (parsed.events - 1) / seconds,
    megabytesPerSecond: (((parsed.events - 1) / EVENTS) * stream.bytes.length) / 1e6 / seconds,
    peakRssMegabytes: parsed.peakRssBytes / 1e6,
    note,
  };
}

/** The median run by rate; a run that lost or damaged events outweighs any number of good ones. */
function typical(measurements: Measurement[]): Measurement {
  const failed = measurements.find((m) => m.correct === false);
  const sorted = [...measurements].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond);
  const chosen = failed ?? sorted[Math.floor((sorted.length - 1) / 2)]!;
  if (sorted.length < 2) return chosen;
  const spread = `runs ${Math.round(sorted[0]!.eventsPerSecond)}–${Math.round(sorted.at(-1)!.eventsPerSecond)} ev/s`;
  return { ...chosen, note: [chosen.note, spread].filter((part) => part !== '').join('; ') };
}

function runWorker(args: string[]): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'worker.ts'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const limit = setTimeout(() => child.kill('SIGKILL'), WORKER_LIMIT_MS);
    child.on('close', (code) => {
      clearTimeout(limit);
      resolve({ stdout, stderr, code });
    });
  });
}

function printTable(rows: Measurement[]): void {
  const header = ['mode', 'client', 'events', 'intact', 'events/s', 'MB/s', 'peak RSS MB', 'note'];
  const lines = rows.map((r) => [
    r.mode,
    r.client,
    String(r.events),
    r.correct === 'countOnly' ? 'count only' : r.correct ? 'yes' : 'NO',
    String(Math.round(r.eventsPerSecond)),
    r.megabytesPerSecond.toFixed(1),
    r.peakRssMegabytes.toFixed(0),
    r.note,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  console.log('');
  console.log(format(header));
  for (const line of lines) console.log(format(line));
  console.log('');
}

function summarise(rows: Measurement[], mode: Mode): string {
  const ours = rows.find((r) => r.client === 'ours');
  const raw = rows.find((r) => r.client === 'raw');
  const correctPeers = rows.filter((r) => (PEERS as readonly string[]).includes(r.client) && r.correct === true);
  const best = correctPeers.sort((a, b) => b.eventsPerSecond - a.eventsPerSecond)[0];
  const oursRate = ours?.correct === true ? ours.eventsPerSecond : 0;
  const ratioPeer = best === undefined ? 'inf' : (oursRate / best.eventsPerSecond).toFixed(2);
  const ratioRaw = raw === undefined || raw.eventsPerSecond === 0 ? 'n/a' : (oursRate / raw.eventsPerSecond).toFixed(2);
  const prefix = mode === 'online' ? 'ami-ingest' : 'ami-ingest-offline';
  return `${prefix} ours_ev_s=${Math.round(oursRate)} best_peer=${best?.client ?? 'none'} best_peer_ev_s=${Math.round(best?.eventsPerSecond ?? 0)} ratio_vs_best_peer=${ratioPeer} ratio_vs_raw=${ratioRaw}`;
}
