/**
 * Load generator: `size` extensions calling each other at `callsPerMinute`, plus lamp flicker,
 * for the demo's stress mode and the memory test. Deterministic for a seed.
 */
import { seededRandom } from '../random';
import type { ScenarioHandle, ScenarioTarget } from './index';

export interface BusyOfficeOptions {
  callsPerMinute?: number;
  talkSeconds?: readonly [min: number, max: number];
  /** Device-state flips per second (each flip is two lamp events plus its undo). */
  flickersPerSecond?: number;
}

export function busyOffice(target: ScenarioTarget, seed: number, options: BusyOfficeOptions = {}): ScenarioHandle {
  const { model, telephony } = target;
  const random = seededRandom(seed);
  const callsPerMinute = options.callsPerMinute ?? 60;
  const [talkMin, talkMax] = options.talkSeconds ?? [20, 180];
  const flickers = options.flickersPerSecond ?? 0;
  const extens = model.office.extensions.map((e) => e.exten);
  const pick = () => extens[Math.floor(random() * extens.length)]!;
  const idle = (x: string) => model.stateOf(model.deviceOf(x)) === 'NOT_INUSE';
  let stopped = false;
  const TICK_MS = 100;
  let callCredit = 0;
  let flickerCredit = 0;
  let timer: ReturnType<typeof telephony.later> | undefined;

  const tick = () => {
    if (stopped) return;
    callCredit += (callsPerMinute * TICK_MS) / 60_000;
    flickerCredit += (flickers * TICK_MS) / 1000;
    for (; callCredit >= 1; callCredit--) {
      const from = pick();
      const to = pick();
      if (from === to || !idle(from) || !idle(to)) continue;
      const talkMs = (talkMin + random() * (talkMax - talkMin)) * 1000;
      const external = random() < 0.2;
      telephony.placeCall(external ? `+49${Math.floor(random() * 1e9)}` : from, to, {
        hangupAfterMs: telephony.answerDelayMs + talkMs,
      });
    }
    for (; flickerCredit >= 1; flickerCredit--) {
      const x = pick();
      const device = model.deviceOf(x);
      if (!idle(x)) continue;
      model.setDeviceState(device, 'UNAVAILABLE');
      telephony.later(2_000, () => model.setDeviceState(device, 'NOT_INUSE'));
    }
    timer = telephony.later(TICK_MS, tick);
  };
  timer = telephony.later(TICK_MS, tick);
  return {
    stop() {
      stopped = true;
      telephony.cancel(timer);
    },
  };
}
