/**
 * The lamp part of npm run bench:directory: a real AMI session from the product's main services to
 * a simulated PBX in its own process (lamp-pbx.ts), lamps set there and timed until main's picture
 * shows them; once with no history writes, once while the logged-in profile's own call history
 * (the one the session writes to, with its writer thread) takes 2,000 calls/s through `record`.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryQuery } from '../../src-shared/call-history';
import { ProfileDraftSchema } from '../../src-shared/profile';
import { sampleCall } from '../../src-main/directory/testing/sample-calls';
import { MapVault } from '../../src-main/profiles/testing/vaults';
import { createMainServices } from '../../src-main/services';
import { DEMO_MANAGER_USER } from '../../src-main/sim';
import { wallClock, type LampPbxReply, type LampPbxRequest, type LampProbe } from './lamp-protocol';

const CALLS_PER_SECOND = 2000;
const INSERT_TICK_MS = 10;

export interface LampRun {
  readonly probes: number;
  readonly neverShown: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  /** Calls the history wrote during the run, per second. */
  readonly callsPerSecond: number;
}

export async function measureLamps(seconds: number, progress: (line: string) => void) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-lamps-'));
  const child = fork(new URL('./lamp-pbx.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<LampPbxReply>((resolve, reject) => {
      child.once('message', (message: LampPbxReply) => resolve(message));
      child.once('exit', (code) => reject(new Error(`the simulated PBX exited (${code})`)));
    });
  const send = (request: LampPbxRequest) => child.send(request);
  const ready = await next();
  if (ready.kind !== 'ready') throw new Error('the simulated PBX did not start');

  const log = {
    warn: (m: string) => progress(`main: ${m}`),
    error: (m: string, e: unknown) => progress(`main: ${m} ${String(e)}`),
  };
  const services = createMainServices({
    broadcast: () => undefined,
    log,
    demoScenario: 'none',
    userDataDir,
    vault: new MapVault(),
  });
  const window = { id: 'bench', send: () => {}, onClosed: () => {} };
  const draft = ProfileDraftSchema.parse({
    displayName: 'Bench',
    host: '127.0.0.1',
    port: ready.port,
    username: DEMO_MANAGER_USER.username,
  });
  const profile = await services.handlers['profiles:create'](draft, window);
  const status = await services.connect({ profileId: profile.id, secret: DEMO_MANAGER_USER.secret });
  if (status.kind !== 'connected') throw new Error(`the session did not connect: ${status.kind}`);

  const shown: [id: string, lamp: string, at: number][] = [];
  services.store.onPatch((patch) => {
    if (patch.collection !== 'extensions') return;
    const at = wallClock();
    for (const tile of patch.upsert) shown.push([tile.id, tile.lamp, at]);
  });

  const opened = services.callHistory();
  if (!opened) throw new Error('the profile has no call history');
  const history = opened;
  const everything: HistoryQuery = { missed: false, mine: false, today: false, text: '', offset: 0, limit: 1 };
  const written = async () => (await history.page(everything)).total;

  async function run(inserting: boolean): Promise<LampRun> {
    shown.length = 0;
    const before = await written();
    const startedAt = performance.now();
    let recorded = 0;
    const timer = inserting
      ? setInterval(() => {
          const due = (CALLS_PER_SECOND * (performance.now() - startedAt)) / 1000;
          for (; recorded < due; recorded++) history.record(sampleCall(`bench-${recorded}`, recorded));
        }, INSERT_TICK_MS)
      : undefined;
    send({ kind: 'probe', ms: seconds * 1000 });
    const sent = await next();
    clearInterval(timer);
    await history.flush();
    const elapsedS = (performance.now() - startedAt) / 1000;
    if (sent.kind !== 'sent') throw new Error('the simulated PBX did not report its probes');
    // What is still on its way is waited for, then counted as never shown.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const latencies = sent.probes
      .map(latencyOf)
      .filter((ms): ms is number => ms !== undefined)
      .sort((a, b) => a - b);
    const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
    return {
      probes: sent.probes.length,
      neverShown: sent.probes.length - latencies.length,
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      max: latencies.at(-1) ?? NaN,
      callsPerSecond: ((await written()) - before) / elapsedS,
    };
  }

  function latencyOf(probe: LampProbe): number | undefined {
    const seen = shown.find(([id, lamp, at]) => id === probe.id && lamp === probe.lamp && at >= probe.at);
    return seen && seen[2] - probe.at;
  }

  progress(`lamps: ${seconds} s with no history writes`);
  const idle = await run(false);
  progress(`lamps: ${seconds} s while the call history takes ${CALLS_PER_SECOND} calls/s`);
  const inserting = await run(true);

  await services.dispose();
  send({ kind: 'close' });
  await new Promise((resolve) => child.once('exit', resolve));
  await rm(userDataDir, { recursive: true, force: true });
  return { idle, inserting };
}
