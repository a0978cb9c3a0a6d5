export interface KeepalivePolicy {
  intervalMs: number;
  timeoutMs: number;
}

export const DEFAULT_KEEPALIVE: KeepalivePolicy = { intervalMs: 20_000, timeoutMs: 10_000 };

export type PingOutcome = 'answered' | 'unanswered' | 'abandoned';

/**
 * Sends a Ping every interval; a Ping unanswered within its deadline means the link is dead (a silent or
 * half-open peer never closes the socket by itself). Any reply counts: `Pong` (1.4), `Success`, even an error.
 */
export class Keepalive {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly policy: KeepalivePolicy,
    /** Sends one Ping with the given deadline and says how it ended. */
    private readonly ping: (timeoutMs: number) => Promise<PingOutcome>,
    private readonly onDead: () => void,
  ) {}

  /** A Ping is scheduled (diagnostics: the client counts it among its timers). */
  get scheduled(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    this.stop();
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.ping(this.policy.timeoutMs).then((outcome) => {
        if (!this.running) return;
        if (outcome === 'unanswered') {
          this.stop();
          this.onDead();
        } else if (outcome === 'answered') {
          this.schedule();
        }
      });
    }, this.policy.intervalMs);
  }
}
