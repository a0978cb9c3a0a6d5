export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 30_000 };

/**
 * Exponential backoff with full jitter: the n-th delay is uniform in [0, min(cap, base * 2^n)).
 * Jitter keeps many consoles from reconnecting in step after a PBX restart; the cap keeps a long outage
 * from turning into day-long waits. Reset only after a successful login.
 */
export class Backoff {
  private attempts = 0;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next attempt, and that attempt's number (1 for the first retry). */
  next(): { attempt: number; delayMs: number } {
    const ceiling = Math.min(this.policy.capMs, this.policy.baseMs * 2 ** Math.min(this.attempts, 30));
    this.attempts += 1;
    return { attempt: this.attempts, delayMs: Math.floor(this.random() * ceiling) };
  }

  reset(): void {
    this.attempts = 0;
  }
}
