import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPbx, type SimulatedPbx } from '../sim/index';
import { AmiClient, type AmiLinkState } from './client';

const CYCLES = 1_000;

let pbx: SimulatedPbx;
beforeAll(async () => {
  pbx = await startSimulatedPbx({ port: 0 });
});
afterAll(async () => {
  await pbx.close();
});

/** Resolves at the login; rejects if the client fails or is stopped first. */
function connected(client: AmiClient): Promise<void> {
  return new Promise((resolve, reject) => {
    const off = client.on('state', (state: AmiLinkState) => {
      if (state.kind === 'connected') {
        off();
        resolve();
      } else if (state.kind === 'failed' || state.kind === 'closed') {
        off();
        reject(new Error(state.kind === 'failed' ? state.reason.message : 'stopped before the login'));
      }
    });
  });
}

function processListenerCount(): number {
  return process.eventNames().reduce((sum, name) => sum + process.listenerCount(name), 0);
}

/** Open sockets and timers in this process, by kind (the simulator's included). */
function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

async function settled(check: () => boolean, limitMs = 2_000): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

describe('AmiClient over 1,000 connect/disconnect cycles against the simulator', () => {
  it('leaks no listener, pending action, timer or socket and leaves no rejection unhandled', async () => {
    const unhandled: unknown[] = [];
    const warnings: string[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('unhandledRejection', onUnhandled);
    process.on('warning', onWarning);
    try {
      const client = new AmiClient({
        host: pbx.host,
        port: pbx.port,
        username: 'demo',
        secret: 'demo',
        // A Ping every few ms, so stops also land while a keepalive Ping is in flight.
        keepalive: { intervalMs: 2, timeoutMs: 1_000 },
        reconnect: { baseMs: 5, capMs: 20 },
      });
      const baseline = {
        processListeners: processListenerCount(),
        clientListeners: client.listenerCount(),
        resources: activeResources(),
      };
      const outcomes = { answered: 0, notSent: 0, closed: 0 };
      const tally = (promise: Promise<unknown>) =>
        promise.then(
          () => void outcomes.answered++,
          (error: { code?: string }) => {
            if (error.code === 'notSent') outcomes.notSent++;
            else if (error.code === 'closed') outcomes.closed++;
            else throw error;
          },
        );

      for (let cycle = 0; cycle < CYCLES; cycle++) {
        const up = connected(client);
        client.start();
        switch (cycle % 4) {
          case 0: {
            // Stopped while connecting, with an action waiting for the login.
            const waiting = tally(client.action('Ping'));
            up.catch(() => undefined);
            await client.stop();
            await waiting;
            break;
          }
          case 1:
            await up;
            await tally(client.action('Ping'));
            await client.stop();
            break;
          case 2: {
            // Stopped with a list in flight.
            await up;
            const inFlight = tally(client.list('CoreShowChannels'));
            await client.stop();
            await inFlight;
            break;
          }
          default:
            await up;
            await new Promise((resolve) => setTimeout(resolve, 3));
            await client.stop();
        }
        expect(client.state.kind).toBe('closed');
        expect(client.diagnostics()).toEqual({
          queuedActions: 0,
          inFlightActions: 0,
          heldActions: 0,
          unsentBytes: 0,
          inboundBufferBytes: 0,
          socketListeners: 0,
          timers: 0,
        });
        expect(client.listenerCount()).toBe(baseline.clientListeners);
      }

      expect(outcomes.notSent).toBe(CYCLES / 4);
      expect(outcomes.answered + outcomes.closed).toBe(CYCLES / 2);
      expect(processListenerCount()).toBe(baseline.processListeners);
      // Sockets close a tick after destroy(), on both ends: wait for the counts to come back down.
      const sameResources = () => {
        const now = activeResources();
        return Object.keys({ ...now, ...baseline.resources }).every(
          (kind) => (now[kind] ?? 0) <= (baseline.resources[kind] ?? 0),
        );
      };
      expect(
        await settled(sameResources),
        JSON.stringify({ now: activeResources(), baseline: baseline.resources }),
      ).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
      expect(warnings).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      process.off('warning', onWarning);
    }
  }, 60_000);
});
