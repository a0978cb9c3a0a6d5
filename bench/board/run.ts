// npm run bench:board: what a receptionist feels on a board of 1,000 extensions. The simulator
// streams AMI at fixed rates to the real main services (in their own process, host.ts), through
// the real contract bridge, into the built renderer in Chromium at 1366x768; the page measures
// when each lamp changes (page-probe.ts). The same run repeats with a baseline feed that sends one
// IPC message per change of the picture (uncoalesced-feed.ts), so the design's gain is a ratio.
//   BOARD_BENCH_SECONDS   measured seconds per rate (default 8)
//   BOARD_BENCH_IDLE_S    seconds of the idle console (default 60; 0: not measured)
//   BOARD_BENCH_RATES     e.g. 200,2000 (default 200,500,1000,2000,5000; empty: none, e.g. for the soak alone)
//   BOARD_BENCH_FEEDS     e.g. product (default product,uncoalesced)
//   BOARD_BENCH_PROFILE   write the page's CPU profile at 2,000 events/s to this file
//   BOARD_BENCH_MAIN_PROFILE  write main's CPU profiles (one per feed's host process) into this folder
//   BOARD_BENCH_SOAK      events of the soak (default 0: no soak; `npm run bench:board:soak` sets 1,000,000)
//   BOARD_BENCH_SOAK_WARM events handled before the soak's first sample (default 100,000)
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { CHROMIUM_PATH } from '../../playwright.config';
import { startSimulatedPbx, type SimulatedPbx } from '../../src-main/sim';
import type { SettableDeviceState } from '../../src-main/sim/server';
import { generatedOffice } from '../../src-main/sim/office';
import type { HostReply, HostRequest } from './host-protocol';
import { installPageProbe, type PageProbeReport } from './page-probe';

const TILES = 1000;
const SECONDS = Number(process.env.BOARD_BENCH_SECONDS ?? 8);
const IDLE_SECONDS = Number(process.env.BOARD_BENCH_IDLE_S ?? 60);
const RATES = (process.env.BOARD_BENCH_RATES ?? '200,500,1000,2000,5000')
  .split(',')
  .filter((rate) => rate !== '')
  .map(Number);
const FEEDS = (['product', 'uncoalesced'] as const).filter((feed) =>
  (process.env.BOARD_BENCH_FEEDS ?? 'product,uncoalesced').split(',').includes(feed),
);
/** Where to write the page's CPU profile of the product at the headline rate (a .cpuprofile for DevTools). */
const PROFILE_TO = process.env.BOARD_BENCH_PROFILE;
const MAIN_PROFILE_DIR = process.env.BOARD_BENCH_MAIN_PROFILE;
const SOAK_EVENTS = Number(process.env.BOARD_BENCH_SOAK ?? 0);
/** Events the soak lets pass before its first sample, so that code compiled on first use is not counted as growth. */
const SOAK_WARM_EVENTS = Number(process.env.BOARD_BENCH_SOAK_WARM ?? 100_000);
const HEADLINE_RATE = 2000;
const WARM_MS = 1500;
const PROBE_EVERY_MS = 100;
/** How long after the load stops a probe may still arrive before it counts as never shown. */
const DRAIN_MS = 4000;

// Tiles 1000-1019 carry the probes: the top four rows, in view at 1366x768, where the receptionist
// looks (the run checks that they are wholly in view). 1020-1599 flicker, a screenful of them in
// view; 1600-1999 make calls. Each pool alone, so a probe's lamp is set by the probe only.
const PROBES = range(1000, 20);
const FLICKER = range(1020, 580);
const CALLERS = range(1600, 400);
/** Calls up for the connect-with-calls measurement; how soon the simulator answers a call. */
const LIVE_CALLS = 200;
const ANSWER_MS = 200;
/** A probe walks its tile through these in turn: each differs from the last, the lamp must change. */
const PROBE_STATES: ReadonlyArray<readonly [SettableDeviceState, string]> = [
  ['BUSY', 'busy'],
  ['UNAVAILABLE', 'unavailable'],
  ['RINGING', 'ringing'],
  ['ONHOLD', 'onHold'],
  ['INUSE', 'inUse'],
  ['RINGINUSE', 'inUseRinging'],
  ['NOT_INUSE', 'idle'],
];
/** Share of the AMI events that come from whole calls (about 27 events each); lamp flicker makes the rest. */
const CALL_SHARE = 0.25;
const EVENTS_PER_CALL = 27;

type Feed = 'product' | 'uncoalesced';

interface RateResult {
  readonly feed: Feed;
  readonly rate: number;
  readonly eventsPerSecond: number;
  readonly latency: Percentiles;
  readonly probes: number;
  readonly neverShown: number;
  readonly longTasks: number;
  readonly longestTaskMs: number;
  readonly droppedFrames: number;
  readonly heapStartMb: number;
  readonly heapEndMb: number;
  readonly mainCpuPct: number;
  readonly mainRssMb: number;
  readonly pageBusyPct: number;
  readonly pageCpuPct: number;
  readonly patchMessagesPerSecond: number;
}

interface Percentiles {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

const results: RateResult[] = [];
let connectMs = NaN;
let connectCallsMs = NaN;
let idle = { mainCpuPct: NaN, pageBusyPct: NaN, pageCpuPct: NaN };
let soak: SoakResult | undefined;
let amiEvents = 0;
let pbx: SimulatedPbx;
let browser: Browser;
let browserCdp: CDPSession | undefined;

async function main(): Promise<void> {
  pbx = await startSimulatedPbx({
    office: generatedOffice(TILES),
    answerDelayMs: ANSWER_MS,
    onEvent: () => (amiEvents += 1),
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'],
  });
  console.log(
    `board-bench: ${TILES} tiles, rates ${RATES.join('/')} AMI events/s, ${SECONDS} s each, ` +
      `${cpus().length}× ${cpus()[0]?.model.trim()}, node ${process.version}, ${browser.version()}`,
  );

  try {
    for (const feed of FEEDS) {
      const host = await Host.start(feed);
      try {
        if (feed === 'product') connectMs = await timeConnect(host);
        else await host.request({ kind: 'connect', host: pbx.host, port: pbx.port });
        for (const rate of RATES) results.push(await measureRate(host, feed, rate));
        if (feed === 'product') {
          if (IDLE_SECONDS > 0) idle = await measureIdle(host);
          if (SOAK_EVENTS > 0) soak = await runSoak(host, SOAK_EVENTS);
          connectCallsMs = await timeConnectWithCalls(host);
        }
      } finally {
        await host.close();
      }
    }
  } finally {
    await browser.close();
    await pbx.close();
  }
  report();
}

// ---- runs ---------------------------------------------------------------------------------

async function measureRate(host: Host, feed: Feed, rate: number): Promise<RateResult> {
  const page = await openConsole(host);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const load = startLoad(pbx, rate);
  await sleep(WARM_MS);
  const heapStart = await heapMb(cdp);
  await page.evaluate(() => window.boardBench.reset());
  const usageStart = await host.usage();
  const busyStart = await taskSeconds(cdp);
  const cpuStart = await pageCpu();
  const eventsStart = amiEvents;
  const startedAt = Date.now();
  const probes = startProbes(pbx);
  const profiling = PROFILE_TO && feed === 'product' && rate === HEADLINE_RATE;
  if (profiling) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
  await sleep(SECONDS * 1000);
  const sent = probes.stop();
  if (profiling) writeFileSync(PROFILE_TO, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  load.stop();
  const elapsedS = (Date.now() - startedAt) / 1000;
  const events = amiEvents - eventsStart;
  const usageEnd = await host.usage();
  const busyEnd = await taskSeconds(cdp);
  const cpuEnd = await pageCpu();
  const probeReport = await waitForProbes(page, sent);
  const heapEnd = await heapMb(cdp).catch(() => NaN);
  await page.close();
  // Calls still up would skew the next rate: end them and let the board settle.
  endAllCalls(pbx);
  await sleep(500);

  const windowReport = probeReport.report;
  const inWindow = windowReport.longTasks.filter(([start]) => start >= startedAt);
  const latencies = sent.map((probe) => shownAfter(probe, windowReport.lamps) ?? probeReport.readAt - probe.at);
  const result: RateResult = {
    feed,
    rate,
    eventsPerSecond: events / elapsedS,
    latency: percentiles(latencies),
    probes: sent.length,
    neverShown: sent.filter((probe) => shownAfter(probe, windowReport.lamps) === undefined).length,
    longTasks: inWindow.length,
    longestTaskMs: Math.max(0, ...inWindow.map(([, duration]) => duration)),
    droppedFrames: windowReport.droppedFrames,
    heapStartMb: heapStart,
    heapEndMb: heapEnd,
    mainCpuPct: (100 * (usageEnd.cpuMicros - usageStart.cpuMicros)) / 1000 / (usageEnd.atMs - usageStart.atMs),
    mainRssMb: usageEnd.rssBytes / 2 ** 20,
    pageBusyPct: (100 * (busyEnd - busyStart)) / elapsedS,
    pageCpuPct: cpuPct(cpuStart, cpuEnd),
    patchMessagesPerSecond: windowReport.patchMessages / elapsedS,
  };
  console.log(row(result));
  return result;
}

/** A fresh console page on the host's running session: the snapshot, then the batches. */
async function openConsole(host: Host): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  // tsx (esbuild, keepNames) wraps named functions in `__name(...)`, which the page lacks.
  await page.addInitScript({ content: `var __name = (f) => f; (${installPageProbe.toString()})();` });
  await page.goto(host.url);
  await page.waitForFunction(boardShows, [TILES, 0] as const, { polling: 'raf', timeout: 30_000 });
  const probeIds = PROBES.map((exten) => `${exten}@internal`);
  // The last rate's calls and their banners may still be going: the board moves back up once they have.
  let unseen = await page.evaluate(unseenTiles, probeIds);
  for (const until = Date.now() + 15_000; unseen.length > 0 && Date.now() < until;) {
    await sleep(250);
    unseen = await page.evaluate(unseenTiles, probeIds);
  }
  if (unseen.length > 0) {
    await page.screenshot({ path: 'board-bench-unseen.png' });
    throw new Error(`probe tiles not in view (see board-bench-unseen.png): ${unseen.join(', ')}`);
  }
  return page;
}

/** In the page: the tiles of these ids that are not wholly in the viewport. */
function unseenTiles(ids: readonly string[]): string[] {
  return ids.filter((id) => {
    const box = document.querySelector(`[data-extension="${id}"]`)?.getBoundingClientRect();
    return box === undefined || box.top < 0 || box.bottom > window.innerHeight;
  });
}

/** From asking main to log in to the board showing every tile (and, with calls, every call card). */
async function timeConnect(host: Host, calls = 0): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(host.url);
  await page
    .getByTestId('profile-list')
    .waitFor()
    .catch(() => undefined);
  const started = Date.now();
  await host.request({ kind: 'connect', host: pbx.host, port: pbx.port });
  await page.waitForFunction(boardShows, [TILES, calls] as const, { polling: 'raf', timeout: 60_000 });
  const ms = Date.now() - started;
  await page.close();
  return ms;
}

/**
 * In the page: the board counts every tile and shows its first one, and the calls panel counts every
 * call and shows its first. A big board and a long calls panel draw only what is near view, so the
 * counts are their own.
 */
function boardShows([tiles, calls]: readonly [number, number]): boolean {
  const counted = document.querySelector('[data-testid="calls-count"]')?.getAttribute('data-count');
  return (
    document.querySelector(`[data-testid="tile-count"][data-count="${tiles}"]`) !== null &&
    document.querySelector('[data-extension]') !== null &&
    Number(counted) >= calls &&
    (calls === 0 || document.querySelector('[data-testid="calls-panel"] li.call[data-call]') !== null)
  );
}

async function timeConnectWithCalls(host: Host): Promise<number> {
  await host.request({ kind: 'disconnect' });
  for (let i = 0; i < LIVE_CALLS; i++) pbx.telephony.placeCall(CALLERS[2 * i]!, CALLERS[2 * i + 1]!);
  await sleep(ANSWER_MS + 1000);
  const ms = await timeConnect(host, LIVE_CALLS);
  endAllCalls(pbx);
  return ms;
}

/**
 * The console with the office at rest (every probe tile back to idle, no call up) and the
 * benchmark's own frame counter stopped, so that what is measured is the console's own work.
 */
async function measureIdle(host: Host) {
  for (const exten of PROBES) pbx.model.setDeviceState(`PJSIP/${exten}`, 'NOT_INUSE');
  const page = await openConsole(host);
  await page.evaluate(() => window.boardBench.stopFrames());
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await sleep(2000);
  const usageStart = await host.usage();
  const busyStart = await taskSeconds(cdp);
  const cpuStart = await pageCpu();
  await sleep(IDLE_SECONDS * 1000);
  const usageEnd = await host.usage();
  const busyEnd = await taskSeconds(cdp);
  const cpuEnd = await pageCpu();
  await page.close();
  const idle = {
    mainCpuPct: (100 * (usageEnd.cpuMicros - usageStart.cpuMicros)) / 1000 / (usageEnd.atMs - usageStart.atMs),
    pageBusyPct: (100 * (busyEnd - busyStart)) / IDLE_SECONDS,
    pageCpuPct: cpuPct(cpuStart, cpuEnd),
  };
  console.log(
    `idle ${IDLE_SECONDS} s: main ${idle.mainCpuPct.toFixed(2)}% of a core, page CPU ${idle.pageCpuPct.toFixed(2)}% (busy ${idle.pageBusyPct.toFixed(2)}%)`,
  );
  return idle;
}

/**
 * The soak: `events` AMI events at full speed (flicker and calls, the call mix of the rates) with
 * the simulator's calls on a short clock (answer in 200 ms, talk 0.5-2 s). The page's JS heap and
 * main's heap are sampled after a full garbage collection, main's RSS beside them: at the start
 * (the board full, the load running and its first SOAK_WARM_EVENTS handled) and at the end (every
 * event handled, the calls ended).
 */
async function runSoak(host: Host, events: number): Promise<SoakResult> {
  const page = await openConsole(host);
  const cdp = await page.context().newCDPSession(page);
  const load = startLoad(pbx, 50_000, [500, 2000]);
  await sleep(WARM_MS);
  const first = await soakSample(host, cdp);
  // The page's first events compile code (V8's code space grows by ~0.4 MB over the first tens of
  // thousands); growth is measured after that, over the soak's own events.
  const warmFrom = amiEvents;
  while (amiEvents - warmFrom < SOAK_WARM_EVENTS) await sleep(250);
  const start = await soakSample(host, cdp);
  console.log(`soak warm-up: ${amiEvents - warmFrom} events; ${describeSample(first)} → ${describeSample(start)}`);
  const eventsStart = amiEvents;
  const startedAt = Date.now();
  let next = 0.1;
  while (amiEvents - eventsStart < events) {
    await sleep(1000);
    const done = (amiEvents - eventsStart) / events;
    if (done >= next) {
      const at = await soakSample(host, cdp);
      const seconds = (Date.now() - startedAt) / 1000;
      console.log(`soak ${Math.round(done * 100)}% after ${seconds.toFixed(0)} s: ${describeSample(at)}`);
      next += 0.1;
    }
  }
  load.stop();
  endAllCalls(pbx);
  await caughtUp(page);
  const seconds = (Date.now() - startedAt) / 1000;
  const end = await soakSample(host, cdp);
  await page.close();
  const growth = (from: number, to: number) => (100 * (to - from)) / from;
  const result: SoakResult = {
    events: amiEvents - eventsStart,
    seconds,
    start,
    end,
    pageHeapGrowthPct: growth(start.pageHeapMb, end.pageHeapMb),
    mainHeapGrowthPct: growth(start.mainHeapMb, end.mainHeapMb),
    mainRssGrowthPct: growth(start.mainRssMb, end.mainRssMb),
  };
  console.log(soakLine(result));
  return result;
}

interface SoakSample {
  readonly pageHeapMb: number;
  readonly mainHeapMb: number;
  readonly mainRssMb: number;
}

interface SoakResult {
  readonly events: number;
  readonly seconds: number;
  readonly start: SoakSample;
  readonly end: SoakSample;
  readonly pageHeapGrowthPct: number;
  readonly mainHeapGrowthPct: number;
  readonly mainRssGrowthPct: number;
}

async function soakSample(host: Host, cdp: CDPSession): Promise<SoakSample> {
  const pageHeapMb = await heapMb(cdp);
  const usage = await host.usage(true);
  return { pageHeapMb, mainHeapMb: usage.heapBytes / 2 ** 20, mainRssMb: usage.rssBytes / 2 ** 20 };
}

function describeSample(sample: SoakSample): string {
  return `page heap ${sample.pageHeapMb.toFixed(1)} MB, main heap ${sample.mainHeapMb.toFixed(1)} MB, main RSS ${sample.mainRssMb.toFixed(0)} MB`;
}

function soakLine(soak: SoakResult): string {
  const pct = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)}%`;
  return (
    `soak: ${soak.events} events in ${soak.seconds.toFixed(0)} s (${Math.round(soak.events / soak.seconds)} ev/s), after GC: ` +
    `page heap ${soak.start.pageHeapMb.toFixed(1)} → ${soak.end.pageHeapMb.toFixed(1)} MB (${pct(soak.pageHeapGrowthPct)}), ` +
    `main heap ${soak.start.mainHeapMb.toFixed(1)} → ${soak.end.mainHeapMb.toFixed(1)} MB (${pct(soak.mainHeapGrowthPct)}), ` +
    `main RSS ${soak.start.mainRssMb.toFixed(0)} → ${soak.end.mainRssMb.toFixed(0)} MB (${pct(soak.mainRssGrowthPct)})`
  );
}

/**
 * Waits until main and the page have handled everything the simulator sent: a probe set after the
 * last event shows on its tile (the AMI stream is in order, and so are the page's batches).
 */
async function caughtUp(page: Page): Promise<void> {
  const exten = PROBES[0]!;
  for (const [state, lamp] of [
    ['BUSY', 'busy'],
    ['NOT_INUSE', 'idle'],
  ] as const) {
    pbx.model.setDeviceState(`PJSIP/${exten}`, state);
    await page
      .waitForFunction(
        ([id, wanted]) => document.querySelector(`[data-extension="${id}"]`)?.getAttribute('data-lamp') === wanted,
        [`${exten}@internal`, lamp] as const,
        { timeout: 120_000 },
      )
      .catch(async (error: unknown) => {
        await page.screenshot({ path: 'board-bench-soak.png' });
        const shown = await page.evaluate(
          (id) => document.querySelector(`[data-extension="${id}"]`)?.getAttribute('data-lamp'),
          `${exten}@internal`,
        );
        throw new Error(`the soak never caught up: ${exten} shows ${shown}, not ${lamp} (see board-bench-soak.png)`, {
          cause: error,
        });
      });
  }
}

// ---- load and probes ----------------------------------------------------------------------

/** Streams AMI at `rate` events/s: whole calls for CALL_SHARE of them, lamp flicker for the rest. */
function startLoad(pbx: SimulatedPbx, rate: number, talkMs: readonly [number, number] = [2000, 6000]) {
  const startedAt = Date.now();
  const startEvents = amiEvents;
  let flicker = 0;
  let caller = 0;
  let callCredit = 0;
  const on = new Set<string>();
  const tick = () => {
    const due = startEvents + (rate * (Date.now() - startedAt)) / 1000;
    callCredit += (CALL_SHARE * (due - amiEvents)) / EVENTS_PER_CALL;
    for (; callCredit >= 1; callCredit--) {
      const from = CALLERS[caller++ % CALLERS.length]!;
      const to = CALLERS[caller++ % CALLERS.length]!;
      if (pbx.model.channelsOnDevice(`PJSIP/${from}`).length || pbx.model.channelsOnDevice(`PJSIP/${to}`).length)
        continue;
      const talk = talkMs[0] + Math.random() * (talkMs[1] - talkMs[0]);
      pbx.telephony.placeCall(from, to, { hangupAfterMs: ANSWER_MS + talk });
    }
    // Flicker up to the rate; a bounded batch per tick keeps the event loop answering.
    for (let n = 0; amiEvents < due && n < 2000; n++) {
      const exten = FLICKER[flicker++ % FLICKER.length]!;
      const busy = on.has(exten);
      if (busy) on.delete(exten);
      else on.add(exten);
      pbx.model.setDeviceState(`PJSIP/${exten}`, busy ? 'NOT_INUSE' : 'INUSE');
    }
  };
  const timer = setInterval(tick, 5);
  return { stop: () => clearInterval(timer) };
}

interface Probe {
  readonly id: string;
  readonly lamp: string;
  /** Node's Date.now() when the simulator wrote the event (the same wall clock as the page's stamps). */
  readonly at: number;
}

let probeSeq = 0;
function startProbes(pbx: SimulatedPbx) {
  const sent: Probe[] = [];
  const timer = setInterval(() => {
    const exten = PROBES[probeSeq % PROBES.length]!;
    const [state, lamp] = PROBE_STATES[Math.floor(probeSeq / PROBES.length) % PROBE_STATES.length]!;
    probeSeq += 1;
    const at = Date.now();
    pbx.model.setDeviceState(`PJSIP/${exten}`, state);
    sent.push({ id: `${exten}@internal`, lamp, at });
  }, PROBE_EVERY_MS);
  return {
    stop() {
      clearInterval(timer);
      return sent;
    },
  };
}

/** When the probe's lamp reached the DOM: the first change of its tile to its lamp after it was sent. */
function shownAfter(probe: Probe, lamps: PageProbeReport['lamps']): number | undefined {
  const seen = lamps.find(([id, lamp, at]) => id === probe.id && lamp === probe.lamp && at >= probe.at);
  return seen ? seen[2] - probe.at : undefined;
}

/** The page's report once every probe has shown (or DRAIN_MS passed); a page too busy to answer counts all late. */
async function waitForProbes(page: Page, sent: readonly Probe[]) {
  const deadline = Date.now() + DRAIN_MS;
  for (;;) {
    const report = await withTimeout(
      page.evaluate(() => window.boardBench.report()),
      Math.max(1000, deadline - Date.now() + 1000),
    );
    const readAt = Date.now();
    if (!report) return { report: emptyReport(), readAt };
    if (sent.every((probe) => shownAfter(probe, report.lamps) !== undefined) || readAt >= deadline)
      return { report, readAt };
    await sleep(250);
  }
}

function endAllCalls(pbx: SimulatedPbx): void {
  for (const channel of [...pbx.model.channels.values()]) if (!channel.hungUp) pbx.telephony.hangup(channel, 16);
}

// ---- the host process ---------------------------------------------------------------------

class Host {
  private seq = 0;
  private readonly waiting = new Map<number, (reply: HostReply) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.on('message', (reply: HostReply) => {
      if ('id' in reply) this.waiting.get(reply.id)?.(reply);
    });
  }

  static async start(feed: Feed): Promise<Host> {
    const child = fork(new URL('./host.ts', import.meta.url).pathname, ['--feed', feed], {
      execArgv: [
        '--import',
        'tsx',
        '--expose-gc',
        ...(MAIN_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${MAIN_PROFILE_DIR}`] : []),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the bench host exited (${code})`)));
      child.on('message', (reply: HostReply) => {
        if (reply.kind === 'ready') resolve(reply.url);
      });
    });
    return new Host(child, url);
  }

  request(
    request: HostRequest extends infer R ? (R extends HostRequest ? Omit<R, 'id'> : never) : never,
  ): Promise<HostReply> {
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ ...request, id });
    });
  }

  /** `collect`: after a full garbage collection in the host (its heap is then what main still holds). */
  async usage(collect = false) {
    const reply = await this.request({ kind: 'usage', collect });
    if (reply.kind !== 'usage') throw new Error('the bench host did not report its usage');
    return reply;
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    void this.request({ kind: 'close' });
    await Promise.race([exited, sleep(5000)]);
    if (this.child.exitCode === null) this.child.kill();
  }
}

// ---- the page's figures -------------------------------------------------------------------

async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 2 ** 20;
}

interface CpuSample {
  readonly seconds: number;
  readonly atMs: number;
}

/**
 * CPU time of the page's renderer processes (Chromium's own accounting, SystemInfo.getProcessInfo).
 * Unlike the page's task durations, which are wall time, it does not grow while the machine's other
 * work keeps the page waiting for a core.
 */
async function pageCpu(): Promise<CpuSample> {
  browserCdp ??= await browser.newBrowserCDPSession();
  const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
  const seconds = processInfo.filter((info) => info.type === 'renderer').reduce((sum, info) => sum + info.cpuTime, 0);
  return { seconds, atMs: Date.now() };
}

function cpuPct(start: CpuSample, end: CpuSample): number {
  return (100 * 1000 * (end.seconds - start.seconds)) / (end.atMs - start.atMs);
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? NaN;
}

function emptyReport(): PageProbeReport {
  return { lamps: [], longTasks: [], frames: 0, droppedFrames: NaN, worstFrameMs: NaN, messages: 0, patchMessages: 0 };
}

// ---- the report ---------------------------------------------------------------------------

function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}

const HEADER =
  '| feed | target ev/s | AMI ev/s | lamp p50 / p95 / p99 / max ms | not shown | long tasks (longest ms) | dropped frames | page heap MB | page CPU % (busy %) | main CPU % | main RSS MB | batches/s |';
function row(r: RateResult): string {
  const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '–');
  return (
    `| ${r.feed} | ${r.rate} | ${r.eventsPerSecond.toFixed(0)} | ${ms(r.latency.p50)} / ${ms(r.latency.p95)} / ${ms(r.latency.p99)} / ${ms(r.latency.max)} ` +
    `| ${r.neverShown}/${r.probes} | ${r.longTasks} (${ms(r.longestTaskMs)}) | ${r.droppedFrames} | ${r.heapStartMb.toFixed(1)} → ${r.heapEndMb.toFixed(1)} ` +
    `| ${r.pageCpuPct.toFixed(0)} (${r.pageBusyPct.toFixed(0)}) | ${r.mainCpuPct.toFixed(1)} | ${r.mainRssMb.toFixed(0)} | ${r.patchMessagesPerSecond.toFixed(0)} |`
  );
}

function report(): void {
  console.log('');
  console.log(HEADER);
  console.log(`|${' --- |'.repeat(HEADER.split('|').length - 2)}`);
  for (const result of results) console.log(row(result));
  console.log('');
  console.log(
    `connect to a full board of ${TILES} hints: ${connectMs} ms; with ${LIVE_CALLS} live calls: ${connectCallsMs} ms`,
  );
  if (IDLE_SECONDS > 0)
    console.log(
      `idle console over ${IDLE_SECONDS} s: main ${idle.mainCpuPct.toFixed(2)}% of a core, page CPU ${idle.pageCpuPct.toFixed(2)}% (busy ${idle.pageBusyPct.toFixed(2)}%)`,
    );
  if (soak) console.log(soakLine(soak));

  const headline = results.find((r) => r.feed === 'product' && r.rate === HEADLINE_RATE);
  const baseline = results.find((r) => r.feed === 'uncoalesced' && r.rate === HEADLINE_RATE);
  const productUpTo = results.filter((r) => r.feed === 'product' && r.rate <= HEADLINE_RATE);
  const longest = Math.max(0, ...productUpTo.map((r) => r.longestTaskMs));
  const soakGrowth = soak && Math.max(soak.pageHeapGrowthPct, soak.mainHeapGrowthPct);
  const heapGrowth =
    soakGrowth ?? (headline ? (100 * (headline.heapEndMb - headline.heapStartMb)) / headline.heapStartMb : NaN);
  const goal = (name: string, met: boolean | undefined, measured: string) =>
    console.log(`goal ${met === undefined ? 'not measured' : met ? 'pass ' : 'short'}  ${name}: ${measured}`);
  console.log('');
  goal(
    `lamp p99 < 50 ms at ${HEADLINE_RATE} events/s`,
    headline && headline.latency.p99 < 50,
    `${headline?.latency.p99.toFixed(0)} ms`,
  );
  goal(
    `no long task over 100 ms (rates up to ${HEADLINE_RATE}/s)`,
    productUpTo.length > 0 ? longest <= 100 : undefined,
    `longest ${longest.toFixed(0)} ms`,
  );
  goal(
    `heap growth < 10% over ${SOAK_EVENTS > 0 ? SOAK_EVENTS.toLocaleString('en') : '1,000,000'} events (page and main, after GC)`,
    soakGrowth === undefined ? undefined : soakGrowth < 10,
    soak
      ? `page ${soak.pageHeapGrowthPct.toFixed(1)}%, main ${soak.mainHeapGrowthPct.toFixed(1)}%`
      : 'run npm run bench:board:soak',
  );
  goal(`connect to a full board of ${TILES} hints < 1 s`, connectMs < 1000, `${connectMs} ms`);
  goal(
    `main CPU < 25% of a core at ${HEADLINE_RATE} events/s`,
    headline && headline.mainCpuPct < 25,
    `${headline?.mainCpuPct.toFixed(1)}%`,
  );
  goal(
    'idle console < 1% of a core',
    IDLE_SECONDS > 0 ? idle.mainCpuPct + idle.pageCpuPct < 1 : undefined,
    `main ${idle.mainCpuPct.toFixed(2)}% + page ${idle.pageCpuPct.toFixed(2)}%`,
  );
  const ratio = headline && baseline ? baseline.latency.p99 / headline.latency.p99 : NaN;
  console.log(
    `board-bench tiles=${TILES} ev_s=${HEADLINE_RATE} p99_ms=${headline?.latency.p99.toFixed(0)} long_tasks=${headline?.longTasks} ` +
      `heap_growth_pct=${heapGrowth.toFixed(1)} connect_ms=${connectMs} vs_uncoalesced=${ratio.toFixed(1)}x`,
  );
}

// ---- small things -------------------------------------------------------------------------

function range(first: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(first + i));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, sleep(ms).then(() => undefined)]);
}

await main();
