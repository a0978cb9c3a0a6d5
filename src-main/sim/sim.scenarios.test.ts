import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from './testing/virtual-clock';
import { demoStoryScenario, scenario } from './testing/scenario-builder';
import type { RenderedEvent } from './dialects';
import { serializeMessage } from '../ami/serialize';
import { parseScenario, startSimulatedPbx } from './index';

async function runFor(options: Parameters<typeof startSimulatedPbx>[0], ms: number) {
  const clock = new VirtualClock();
  const seen: RenderedEvent[] = [];
  const pbx = await startSimulatedPbx({ ...options, clock, onEvent: (e) => seen.push(e) });
  clock.advance(ms);
  await pbx.close();
  return { seen, pbx };
}

describe('lively-office demo scenario', () => {
  it('keeps lamps changing every second or so, with calls, parking and hangups', async () => {
    const { seen, pbx } = await runFor({ scenario: 'lively-office', seed: 42 }, 120_000);
    const kinds = new Set(seen.map((e) => e.name));
    for (const name of [
      'ExtensionStatus',
      'Newchannel',
      'DialBegin',
      'BridgeEnter',
      'Hangup',
      'ParkedCall',
      'Hold',
      'PresenceStatus',
      'MessageWaiting',
    ]) {
      expect(kinds, name).toContain(name);
    }
    const lampTimes = seen.filter((e) => e.name === 'ExtensionStatus').length;
    expect(lampTimes).toBeGreaterThan(100);
    expect(pbx.model.channels.size).toBeLessThan(40);
  });

  it('is deterministic for a seed', async () => {
    const a = await runFor({ scenario: 'lively-office', seed: 7 }, 30_000);
    const b = await runFor({ scenario: 'lively-office', seed: 7 }, 30_000);
    const text = (events: RenderedEvent[]) =>
      events.map((e) => e.headers.map(([n, v]) => `${n}:${v}`).join('|')).join('\n');
    expect(text(a.seen)).toBe(text(b.seen));
    const c = await runFor({ scenario: 'lively-office', seed: 8 }, 30_000);
    expect(text(c.seen)).not.toBe(text(a.seen));
  });
});

describe('scripted timelines', () => {
  it('runs the issue stories: hunt group, 105 calls 112, a queue caller, a parked call timing out', async () => {
    const { seen } = await runFor(
      { scenario: demoStoryScenario(), answerDelayMs: 500, parkingTimeoutMs: 45_000 },
      40_000,
    );
    const names = seen.map((e) => e.name);
    expect(names).toContain('QueueCallerJoin');
    expect(names).toContain('ParkedCall');
    expect(names).toContain('ParkedCallTimeOut');
    const rang = seen
      .filter((e) => e.name === 'DialBegin')
      .map((e) => e.headers.find(([n]) => n === 'DestChannel')?.[1]?.split('-')[0]);
    expect(rang).toEqual(expect.arrayContaining(['PJSIP/100', 'PJSIP/112', 'PJSIP/101']));
  });

  it('drives an attended transfer: hold, consultation, the transferer hangs up, the waiting party meets the target', async () => {
    const timeline = scenario('atxfer')
      .at(0)
      .call('+4930123456', '103')
      .at(1000)
      .attendedTransfer('103', '108', 500)
      .build();
    const { seen, pbx } = await runFor({ scenario: timeline, answerDelayMs: 200 }, 3000);
    const names = seen.map((e) => e.name);
    expect(names.indexOf('Hold')).toBeGreaterThan(-1);
    expect(names.indexOf('Hold')).toBeLessThan(names.indexOf('BridgeMerge'));
    expect(names.indexOf('BridgeMerge')).toBeLessThan(names.indexOf('AttendedTransfer'));
    const trunk = [...pbx.model.channels.values()].find((c) => c.device.endsWith('/trunk'))!;
    expect(pbx.model.bridgePeers(trunk)[0]?.device).toBe('PJSIP/108');
  });

  it('accepts the same timeline as JSON and refuses a malformed one', () => {
    const built = scenario('x').at(0).call('105', '112', { talkMs: 1000 }).at(500).presence('110', 'dnd').build();
    expect(parseScenario(JSON.parse(JSON.stringify(built)))).toEqual(built);
    expect(() => parseScenario({ name: 'bad', steps: [{ at: 0, do: 'explode' }] })).toThrow();
  });
});

describe('busy-office load', () => {
  it('runs 10 simulated minutes at about 2,000 events/s with flat memory', async () => {
    const clock = new VirtualClock();
    let events = 0;
    let bytes = 0;
    const pbx = await startSimulatedPbx({
      clock,
      scenario: 'busy-office',
      seed: 3,
      answerDelayMs: 1500,
      busyOffice: { size: 6000, callsPerMinute: 6000, talkSeconds: [5, 15], flickersPerSecond: 200 },
      onEvent: (e) => {
        events++;
        bytes += serializeMessage(e.headers).length;
      },
    });
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap: number[] = [];
    for (let minute = 0; minute < 10; minute++) {
      clock.advance(60_000);
      if (minute >= 2) {
        gc();
        heap.push(process.memoryUsage().heapUsed);
      }
    }
    await pbx.close();
    const rate = events / 600;
    console.log(
      `busy-office: ${Math.round(rate)} events/s, ${Math.round(bytes / 600 / 1024)} KiB/s, heap after GC (MB): ${heap.map((h) => Math.round(h / 1e6)).join(' ')}`,
    );
    expect(rate).toBeGreaterThan(1800);
    // Steady state: channels and timers come and go; nothing accumulates.
    expect(pbx.model.channels.size).toBeLessThan(4000);
    expect(clock.pending).toBeLessThan(10_000);
    // After a full GC, minute 3 and minute 10 hold about the same live data.
    expect(heap.at(-1)! - heap[0]!).toBeLessThan(16 * 1024 * 1024);
  }, 120_000);
});
