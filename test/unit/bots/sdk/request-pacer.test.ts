import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestPacer } from '../../../../bots/sdk/readers/request-pacer';

/** Takes `count` slots one after another (as parallel readers would), returning when each was granted, ms since start. */
async function grantTimes(pacer: RequestPacer, count: number): Promise<number[]> {
  const start = Date.now();
  const times: number[] = [];
  const all = Array.from({ length: count }, () => pacer.take().then(() => times.push(Date.now() - start)));
  await vi.runAllTimersAsync();
  await Promise.all(all);
  return times.sort((a, b) => a - b);
}

/** The most requests granted within any span of `windowMs`. */
function mostInAnyWindow(times: number[], windowMs: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('RequestPacer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs at the limit: 20 a second, never 21 within any second, the guard costing under 1 %', async () => {
    const pacer = new RequestPacer(20);
    const times = await grantTimes(pacer, 201);
    expect(mostInAnyWindow(times, 1_000)).toBe(20);
    // 201 requests: ten full windows after the first 20 (each 1 s plus a 5 ms guard).
    expect(times.at(-1)).toBeGreaterThanOrEqual(10_000);
    expect(times.at(-1)).toBeLessThan(10_100);
    expect(pacer.currentRatePerSecond).toBeGreaterThan(19.8);
  });

  it('counts the window from when a request really went out: a late wake-up delays the next one', async () => {
    let now = 0;
    const pacer = new RequestPacer(1, () => now);
    await pacer.take(); // t = 0
    let second = false;
    void pacer.take().then(() => (second = true)); // its slot: t = 1,005 ms
    now = 1_300; // ... but the event loop wakes it only at 1,300 ms
    await vi.advanceTimersByTimeAsync(1_005);
    expect(second).toBe(true);
    let third = false;
    void pacer.take().then(() => (third = true)); // counted from 1,300: not before 2,305
    now = 2_100;
    await vi.advanceTimersByTimeAsync(800);
    expect(third).toBe(false);
    now = 2_305;
    await vi.advanceTimersByTimeAsync(300);
    expect(third).toBe(true);
  });

  it('waits out Retry-After, also for a request that was already waiting for its slot', async () => {
    const pacer = new RequestPacer(2);
    await grantTimes(pacer, 2); // the window is full until t = 1 s
    const start = Date.now();
    let granted = -1;
    const waiting = pacer.take().then(() => (granted = Date.now() - start));
    await vi.advanceTimersByTimeAsync(500);
    pacer.throttled(3_000); // refused at t = 0.5 s: nothing before 3.5 s
    await vi.runAllTimersAsync();
    await waiting;
    expect(granted).toBeGreaterThanOrEqual(3_500);
  });

  it('a 429 at our own limit widens the guard a little and keeps the rate (no halving)', async () => {
    const pacer = new RequestPacer(20);
    await grantTimes(pacer, 20);
    const before = pacer.currentRatePerSecond;
    pacer.throttled(1_000);
    pacer.throttled(1_000); // the same full window refusing parallel requests: learnt once
    pacer.throttled(1_000);
    expect(pacer.currentRatePerSecond).toBeLessThan(before);
    expect(pacer.currentRatePerSecond).toBeGreaterThan(19.6);
  });

  it('a full window of ours mostly refused is a lower portal limit at once, not jitter', async () => {
    const pacer = new RequestPacer(20);
    await grantTimes(pacer, 20);
    // The portal allows 3 a second and we always fill our own 20 (16 lookups in flight): 17 refused.
    for (let i = 0; i < 17; i++) pacer.throttled(1_000);
    expect(pacer.currentRatePerSecond).toBeLessThanOrEqual(3);
    expect(pacer.currentRatePerSecond).toBeGreaterThan(2.9);
    const times = await grantTimes(pacer, 9);
    expect(times[0]).toBeGreaterThanOrEqual(1_000); // after Retry-After
    expect(mostInAnyWindow(times, 1_000)).toBe(3);
  });

  it('learns a portal limit below ours when a second 429 confirms it, and keeps to it', async () => {
    const pacer = new RequestPacer(20);
    await grantTimes(pacer, 6);
    // The portal allows 5 a second: the 6th is refused. Once could be the browser's own requests.
    pacer.throttled(1_000);
    expect(pacer.currentRatePerSecond).toBeGreaterThan(19.8);
    await vi.advanceTimersByTimeAsync(1_100); // Retry-After, and the first six out of the window
    await grantTimes(pacer, 6);
    pacer.throttled(1_000); // again: confirmed
    expect(pacer.currentRatePerSecond).toBeLessThanOrEqual(5);
    expect(pacer.currentRatePerSecond).toBeGreaterThan(4.9);
    const times = await grantTimes(pacer, 16);
    expect(times[0]).toBeGreaterThanOrEqual(1_000); // after Retry-After
    expect(mostInAnyWindow(times, 1_000)).toBe(5);
  });

  it('one 429 below our limit alone (a start-up burst beside the browser\'s own requests) changes nothing', async () => {
    const pacer = new RequestPacer(20);
    await grantTimes(pacer, 11);
    pacer.throttled(1_000);
    await vi.advanceTimersByTimeAsync(11_000);
    await grantTimes(pacer, 11);
    pacer.throttled(1_000); // 11 s later: not a confirmation
    expect(pacer.currentRatePerSecond).toBeGreaterThan(19.8);
  });

  it('gives a learnt limit back one step a minute without a 429, up to the configured rate', async () => {
    const pacer = new RequestPacer(20);
    await grantTimes(pacer, 6);
    pacer.throttled(1_000);
    await vi.advanceTimersByTimeAsync(1_100); // Retry-After, and the first six out of the window
    await grantTimes(pacer, 6);
    pacer.throttled(1_000);
    await vi.advanceTimersByTimeAsync(61_000);
    await grantTimes(pacer, 1);
    expect(pacer.currentRatePerSecond).toBeGreaterThan(5.9);
    expect(pacer.currentRatePerSecond).toBeLessThan(6);
    for (let minute = 0; minute < 30; minute++) {
      await vi.advanceTimersByTimeAsync(61_000);
      await grantTimes(pacer, 1);
    }
    expect(pacer.currentRatePerSecond).toBeCloseTo(20 / 1.005, 5);
  });

  it('a rate below one a second spaces single requests', async () => {
    const pacer = new RequestPacer(0.5);
    const times = await grantTimes(pacer, 3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(2_000);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(2_000);
  });
});
