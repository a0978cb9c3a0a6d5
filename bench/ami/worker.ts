import { readFileSync } from 'node:fs';
import { adapters, type EventSink } from './clients';
import { installOfflineSocket } from './offline-socket';
import { combine, eventDigest } from './stream';

/** One client, one mode, in its own process: prints a JSON line with its count, checksum, time and peak RSS. */
const [clientName = '', mode = '', port = '0', streamFile = '', expectedEvents = '0'] = process.argv.slice(2);
const expected = Number(expectedEvents);
const adapter = adapters[clientName];
if (adapter === undefined) throw new Error(`unknown client ${clientName}`);
const IDLE_LIMIT_MS = 5_000;

if (mode === 'offline') installOfflineSocket(readFileSync(streamFile));

let events = 0;
let checksum = 0;
/** When the first event reached the sink: every client is timed from there, whatever its login path. */
let firstEventAt = 0;
let finished = false;

function finish(lastEventAt: number): void {
  if (finished) return;
  finished = true;
  const elapsedMs = lastEventAt - firstEventAt;
  process.stdout.write(
    JSON.stringify({ events, checksum, elapsedMs, peakRssBytes: process.resourceUsage().maxRSS * 1024 }) + '\n',
    () => process.exit(0),
  );
}

function counted(): void {
  if (events === 0) firstEventAt = performance.now();
  events++;
  if (events === expected) finish(performance.now());
}

const sink: EventSink = Object.assign(
  (event: string | undefined, uniqueid: string | undefined, callerIdName: string | undefined): void => {
    checksum = combine(checksum, eventDigest(event, uniqueid, callerIdName));
    counted();
  },
  { countOnly: counted },
);

adapter('127.0.0.1', Number(port), sink).catch((error: unknown) => {
  process.stderr.write(`login failed: ${String(error)}\n`);
  process.exit(1);
});

// A client that stops short (lost or merged events) is finished after a quiet spell; its rate then runs
// to its last progress, measured to within one check.
const CHECK_MS = 100;
let seen = 0;
let lastProgressAt = performance.now();
setInterval(() => {
  const now = performance.now();
  if (events !== seen) {
    seen = events;
    lastProgressAt = now;
  } else if (now - lastProgressAt > IDLE_LIMIT_MS) {
    finish(lastProgressAt);
  }
}, CHECK_MS);
