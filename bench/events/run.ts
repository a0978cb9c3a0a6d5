// npm run bench:events: what asking the PBX for less saves. For each real Asterisk 20 trace (07-20,
// receptionist/21-25) and for the simulator's busy office, the events the PBX would write to a
// console that logs in with `Events: on` and no filter, against the console as shipped (its login's
// classes and its Filters, applied as Asterisk applies them: pbx/testing/event-ask.ts): events and
// bytes, and both per call (a call = one Linkedid).
import { AmiMessage } from '../../src-main/ami/message';
import { serializeMessage } from '../../src-main/ami/serialize';
import { EventAsk } from '../../src-main/pbx/testing/event-ask';
import { liveEvents, readTrace } from '../../src-main/pbx/testing/traces';
import { CONSOLE_EVENT_FILTERS, LOGIN_EVENT_CLASSES } from '../../src-main/session/console-events';
import { startSimulatedPbx } from '../../src-main/sim';
import { VirtualClock } from '../../src-main/sim/testing/virtual-clock';

const TRACES = [
  '07-originate-bridge',
  '08-originate-failures',
  '09-redirect',
  '10-blindtransfer',
  '11-atxfer',
  '12-park-pickup',
  '13-park-timeout',
  '14-mixmonitor',
  '15-monitor',
  '16-queue',
  '17-mwi',
  '18-events-filter',
  '19-presence',
  '20-shutdown',
  'receptionist/21-chanspy',
  'receptionist/22-presence-dnd-set',
  'receptionist/23-queue-operations',
  'receptionist/24-ringgroup-and-pickup',
  'receptionist/25-names-and-directory',
];
const BUSY_MINUTES = 2;

interface Tally {
  events: number;
  bytes: number;
  keptEvents: number;
  keptBytes: number;
  calls: Set<string>;
}

const ask = new EventAsk();
ask.login(LOGIN_EVENT_CLASSES);
for (const filter of CONSOLE_EVENT_FILTERS) ask.filter(filter);

const tally = (): Tally => ({ events: 0, bytes: 0, keptEvents: 0, keptBytes: 0, calls: new Set() });
function count(into: Tally, message: AmiMessage): void {
  const text = serializeMessage(message.headers).toString('utf8');
  const bytes = Buffer.byteLength(text);
  into.events += 1;
  into.bytes += bytes;
  const call = message.get('Linkedid');
  if (call) into.calls.add(call);
  if (ask.passes(message, text)) {
    into.keptEvents += 1;
    into.keptBytes += bytes;
  }
}

const rows: Array<[string, Tally]> = [];
const traces = tally();
for (const name of TRACES) {
  const one = tally();
  for (const { message } of liveEvents(readTrace(name))) {
    count(one, message);
    count(traces, message);
  }
  rows.push([name, one]);
}
rows.push(['all traces', traces]);

const clock = new VirtualClock();
const busy = tally();
const pbx = await startSimulatedPbx({
  clock,
  scenario: 'busy-office',
  seed: 3,
  busyOffice: { size: 200, callsPerMinute: 120, talkSeconds: [20, 180], flickersPerSecond: 2 },
  onEvent: (event) => count(busy, new AmiMessage(event.headers)),
});
for (let minute = 0; minute < BUSY_MINUTES; minute++) clock.advance(60_000);
await pbx.close();
rows.push([`busy office (simulator, ${BUSY_MINUTES} simulated minutes)`, busy]);

const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const pct = (part: number, whole: number) => (whole ? `${((100 * (whole - part)) / whole).toFixed(0)}%` : '–');
console.log(`login Events: ${LOGIN_EVENT_CLASSES}; ${CONSOLE_EVENT_FILTERS.length} Filter action(s)`);
console.log('');
console.log(
  '| stream | calls | events: everything → asked for (saved) | KiB: everything → asked for (saved) | per call: events saved | per call: KiB saved |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [name, t] of rows) {
  const calls = t.calls.size;
  const perCall = (n: number) => (calls ? (n / calls).toFixed(1) : '–');
  console.log(
    `| ${name} | ${calls} | ${t.events} → ${t.keptEvents} (${pct(t.keptEvents, t.events)}) | ${kib(t.bytes)} → ${kib(t.keptBytes)} (${pct(t.keptBytes, t.bytes)}) ` +
      `| ${perCall(t.events - t.keptEvents)} | ${calls ? kib((t.bytes - t.keptBytes) / calls) : '–'} |`,
  );
}
