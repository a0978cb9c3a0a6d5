/**
 * Time for the simulator. Everything that waits (answer delays, parking timeouts, the 1 s pause
 * after a failed login, scenarios) goes through a SimClock, so tests can run ten simulated
 * minutes in a second with a VirtualClock.
 */
export interface TimerHandle {
  readonly id: number;
}

export interface SimClock {
  /** Milliseconds since the Unix epoch, as this clock sees it. */
  now(): number;
  setTimer(ms: number, fn: () => void): TimerHandle;
  clearTimer(handle: TimerHandle | undefined): void;
}

export class RealClock implements SimClock {
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private nextId = 1;

  now(): number {
    return Date.now();
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    const id = this.nextId++;
    const timer = setTimeout(
      () => {
        this.timers.delete(id);
        fn();
      },
      Math.max(0, ms),
    );
    this.timers.set(id, timer);
    return { id };
  }

  clearTimer(handle: TimerHandle | undefined): void {
    if (!handle) return;
    const timer = this.timers.get(handle.id);
    if (timer) clearTimeout(timer);
    this.timers.delete(handle.id);
  }

  /** Cancels every pending timer (server close). */
  clearAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
