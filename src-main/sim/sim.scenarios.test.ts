import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock';
import type { RenderedEvent } from './dialects';
import { generatedOffice } from './office';
import { demoStoryScenario, parseScenario, scenario, startSimulatedPbx } from './index';
import { PbxModel } from './model';
import { runScenario } from './scenarios';
import { Telephony } from './telephony';
import { DIALECTS } from './dialects';

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
    const { seen } = await runFor({ scenario: 'lively-office', seed: 42 }, 120_000);
    const kinds = new Set(seen.map((e) => e.name));
    for (const name of ['ExtensionStatus', 'Newchannel', 'DialBegin', 'BridgeEnter', 'Hangup', 'ParkedCall', 'Hold', 'PresenceStatus', 'MessageWaiting']) {
      expect(kinds, name).toContain(name);
    }
    const lampTimes = seen.filter((e) => e.name === 'ExtensionStatus').length;
    expect(lampTimes).toBeGreaterThan(100);
  });

  it('is deterministic for a seed', async () => {
    const a = await runFor({ scenario: 'lively-office', seed: 7 }, 30_000);
    const b = await runFor({ scenario: 'lively-office', seed: 7 }, 30_000);
    const text = (events: RenderedEvent[]) => events.map((e) => e.headers.map(([n, v]) => `${n}:${v}`).join('|')).join('\n');
    expect(text(a.seen)).toBe(text(b.seen));
    const c = await runFor({ scenario: 'lively-office', seed: 8 }, 30_000);
    expect(text(c.seen)).not.toBe(text(a.seen));
  });
});

describe('scripted timelines', () => {
  it('runs the issue stories: hunt group, 105 calls 112, a queue caller, a parked call timing out', async () => {
    const { seen } = await runFor({ scenario: demoStoryScenario(), answerDelayMs: 500, parkingTimeoutMs: 45_000 }, 40_000);
    const names = seen.map((e) => e.name);
    expect(names).toContain('QueueCallerJoin');
    expect(names).toContain('ParkedCall');
    expect(names).toContain('ParkedCallTimeOut');
    const rang = seen.filter((e) => e.name === 'DialBegin').map((e) => e.headers.find(([n]) => n === 'DestChannel')?.[1]?.split('-')[0]);
    expect(rang).toEqual(expect.arrayContaining(['PJSIP/100', 'PJSIP/112', 'PJSIP/101']));
  });

  it('accepts the same timeline as JSON and refuses a malformed one', () => {
    const built = scenario('x').at(0).call('105', '112', { talkMs: 1000 }).at(500).presence('110', 'dnd').build();
    expect(parseScenario(JSON.parse(JSON.stringify(built)))).toEqual(built);
    expect(() => parseScenario({ name: 'bad', steps: [{ at: 0, do: 'explode' }] })).toThrow();
  });
});

describe('busy-office load', () => {
  it('runs 10 simulated minutes at about 2,000 events/s with flat memory', () => {
    const clock = new VirtualClock();
    const office = generatedOffice(3000);
    const model = new PbxModel(office, { tech: 'PJSIP', now: () => clock.now() });
    const telephony = new Telephony(model, { clock, answerDelayMs: 1500, parkingTimeoutMs: 45_000 });
    let events = 0;
    let bytes = 0;
    const dialect = DIALECTS['asterisk-18'];
    model.subscribe((e) => {
      for (const r of dialect.render(e, { model, now: clock.now() })) {
        events++;
        for (const [n, v] of r.headers) bytes += n.length + v.length + 4;
      }
    });
    runScenario({ model, telephony }, 'busy-office', 3, { callsPerMinute: 3600, talkSeconds: [10, 40], flickersPerSecond: 120 });
    const heap: number[] = [];
    for (let minute = 0; minute < 10; minute++) {
      clock.advance(60_000);
      if (minute >= 2) {
        global.gc?.();
        heap.push(process.memoryUsage().heapUsed);
      }
    }
    const rate = events / 600;
    expect(rate).toBeGreaterThan(1800);
    expect(bytes).toBeGreaterThan(0);
    // Steady state: channels and timers come and go; nothing accumulates.
    expect(model.channels.size).toBeLessThan(4000);
    expect(clock.pending).toBeLessThan(10_000);
    const first = heap[0]!;
    const last = heap.at(-1)!;
    expect(last - first).toBeLessThan(64 * 1024 * 1024);
  }, 120_000);
});
