/**
 * Tests script outside events with a typed builder:
 *
 *   scenario('morning').at(0).call('0612345678', '500', { talkMs: 20000 }).at(5000).presence('110', 'dnd').build()
 */
import type { Scenario, ScenarioStep } from '../scenarios/timeline';

type StepWithoutAt<K extends ScenarioStep['do']> = Omit<Extract<ScenarioStep, { do: K }>, 'at' | 'do'>;

export class ScenarioBuilder {
  private readonly steps: ScenarioStep[] = [];
  private time = 0;

  constructor(private readonly name: string) {}

  at(ms: number): this {
    this.time = ms;
    return this;
  }

  call(from: string, to: string, options: { talkMs?: number } = {}): this {
    return this.push({ do: 'call', from, to, ...options });
  }

  deviceState(exten: string, state: StepWithoutAt<'deviceState'>['state']): this {
    return this.push({ do: 'deviceState', exten, state });
  }

  presence(exten: string, state: StepWithoutAt<'presence'>['state'], subtype?: string, message?: string): this {
    return this.push({ do: 'presence', exten, state, subtype, message });
  }

  mailbox(mailbox: string, newCount: number, oldCount?: number): this {
    return this.push({ do: 'mailbox', mailbox, newCount, oldCount });
  }

  hangup(exten: string): this {
    return this.push({ do: 'hangup', exten });
  }

  hold(exten: string): this {
    return this.push({ do: 'hold', exten });
  }

  unhold(exten: string): this {
    return this.push({ do: 'unhold', exten });
  }

  park(exten: string, timeoutMs?: number): this {
    return this.push({ do: 'park', exten, timeoutMs });
  }

  /** `exten` consults `to` (its peer waits) and hangs up `consultMs` after `to` answers, which completes the transfer. */
  attendedTransfer(exten: string, to: string, consultMs?: number): this {
    return this.push({ do: 'attendedTransfer', exten, to, consultMs });
  }

  noAnswer(exten: string, on = true): this {
    return this.push({ do: 'noAnswer', exten, on });
  }

  build(repeatEveryMs?: number): Scenario {
    return { name: this.name, steps: [...this.steps], ...(repeatEveryMs ? { repeatEveryMs } : {}) };
  }

  private push(s: Record<string, unknown>): this {
    this.steps.push({ at: this.time, ...s } as ScenarioStep);
    return this;
  }
}

export function scenario(name: string): ScenarioBuilder {
  return new ScenarioBuilder(name);
}

/** The stories the issue names: reception hunt group, 105 → 112, a queue caller, a parking timeout. */
export function demoStoryScenario(): Scenario {
  return scenario('demo-stories')
    .at(1000)
    .call('+4930123456', '500', { talkMs: 20_000 })
    .at(3000)
    .call('105', '112', { talkMs: 15_000 })
    .at(5000)
    .call('+4940987654', '800', { talkMs: 25_000 })
    .at(8000)
    .call('+4989111222', '101', { talkMs: 60_000 })
    .at(11_000)
    .park('101', 10_000)
    .build();
}
