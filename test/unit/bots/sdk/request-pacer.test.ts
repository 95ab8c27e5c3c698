import { describe, expect, it } from 'vitest';
import { RequestPacer } from '../../../../bots/sdk/readers/request-pacer';

describe('RequestPacer', () => {
  it('halves the rate once for a burst of 429s from parallel pages, and wins it back on successes', () => {
    let now = 1_000;
    const pacer = new RequestPacer(10, () => now);
    pacer.throttled(1_000);
    pacer.throttled(1_000);
    pacer.throttled(1_000);
    expect(pacer.currentRatePerSecond).toBeCloseTo(5);
    now += 2_000;
    pacer.throttled(1_000);
    expect(pacer.currentRatePerSecond).toBeCloseTo(2.5);
    for (let i = 0; i < 50; i++) pacer.succeeded();
    expect(pacer.currentRatePerSecond).toBeCloseTo(10);
  });

  it('spaces requests at the configured rate and waits out Retry-After', async () => {
    let now = 0;
    const pacer = new RequestPacer(1_000, () => now);
    const started = Date.now();
    await pacer.take();
    await pacer.take();
    expect(Date.now() - started).toBeLessThan(50);
    pacer.throttled(30);
    now = 0; // the clock the pacer sees has not moved: the next slot is 30 ms out
    const t = Date.now();
    await pacer.take();
    expect(Date.now() - t).toBeGreaterThanOrEqual(25);
  });
});
