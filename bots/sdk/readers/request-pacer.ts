import { sleep } from '../retry';

/**
 * Keeps every request of a run within a portal's rate limit (the registry's, in practice):
 * requests are spaced at most `ratePerSecond` apart across all parallel pages and HTTP reads. A 429 pauses everyone for Retry-After and
 * halves the rate (one throttled page means all are too fast); successes win the rate back slowly
 * (3 % a success: ~25 requests from half the rate to full), so a limit well below our pace is not
 * hit again a few requests after each pause, wasting retries.
 */
export class RequestPacer {
  private nextAt = 0;
  private pausedUntil = 0;
  private interval: number;
  private readonly minInterval: number;

  constructor(ratePerSecond: number, private readonly now: () => number = Date.now) {
    this.minInterval = 1000 / ratePerSecond;
    this.interval = this.minInterval;
  }

  /** Waits for this request's slot. */
  async take(signal?: AbortSignal): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.nextAt);
    this.nextAt = at + this.interval;
    if (at > now) await sleep(at - now, signal);
  }

  throttled(retryAfterMs: number): void {
    const now = this.now();
    // Parallel pages throttled by the same burst slow us down once, not once each.
    if (now >= this.pausedUntil) this.interval = Math.min(this.interval * 2, 5_000);
    this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
    this.nextAt = Math.max(this.nextAt, this.pausedUntil);
  }

  succeeded(): void {
    this.interval = Math.max(this.minInterval, this.interval * 0.97);
  }

  get currentRatePerSecond(): number {
    return 1000 / this.interval;
  }
}
