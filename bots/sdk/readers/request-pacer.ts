import { sleep } from '../retry';

/** Jitter guard added to the window at first, and per 429 met at our own limit: 0.5 % of it. */
const GUARD_STEP = 0.005;
/** The guard never grows past a tenth of the window (then the limit, not jitter, is the problem). */
const GUARD_MAX = 0.1;
/** After this long without a 429, one step of what a 429 taught is given back (a portal's load changes). */
const RECOVER_AFTER_MS = 60_000;
/** A second 429 below our limit within this long confirms a lower portal limit. */
const CONFIRM_WITHIN_MS = 10_000;
/** A 429 with fewer of our requests than this share of our limit in the window before it: the portal's limit is lower. */
const BELOW_LIMIT = 0.9;
/**
 * More refusals than this share of our limit in one burst is not jitter (which refuses one or two
 * requests that slipped into the next second): the portal allows fewer than we send.
 */
const BURST_REFUSED = 0.25;

/**
 * Keeps every request of a run within a portal's rate limit (the registry's, in practice), across
 * all parallel pages and HTTP reads. A portal's limit is "N requests per window" (the registry: 20
 * a second, counted per clock second), so the pacer sends at most `ratePerSecond` requests in any
 * one-second span (a sliding window, which keeps within any fixed window of that length too):
 * requests go out as soon as the window allows, at the limit and not below it. Spacing requests
 * evenly instead lets the network's jitter put 21 into one of the portal's seconds now and then.
 *
 * A 429 pauses everyone for its Retry-After, and teaches one of two things:
 * - we sent fewer requests than our limit in the second before it: the portal's limit may be lower
 *   than ours, at most what we sent less the refused one. One such 429 can have other causes (the
 *   browser's own requests when it opens the portal, a late answer), so a second one within 10 s
 *   confirms it, and what we sent becomes our limit (answers are not counted: those still on their
 *   way would make the portal's limit look lower than it is);
 * - we were at our limit: a request reached the portal in a second it was not sent in (jitter).
 *   The window gets a few ms of guard (0.5 % a time, at most 10 %) so that does not recur.
 * Never a halving: one 429 at the limit costs one Retry-After, not a slower rest of the run. After
 * a minute without a 429 one step is given back (the limit +1, or the guard -0.5 %), up to what we
 * were configured with: a portal busy for a while with other clients is not a limit for ever.
 */
export class RequestPacer {
  /** Send times of the latest requests (reserved, then when granted), oldest first. */
  private sent: number[] = [];
  /** Entries dropped from the front of `sent` so far (slots are indexed from the start of the run). */
  private trimmed = 0;
  private pausedUntil = 0;
  private limit: number;
  private guardMs: number;
  private readonly windowMs: number;
  private readonly maxLimit: number;
  /** When a 429 below our limit came that no second one has confirmed yet. */
  private suspectedAt: number | undefined;
  /** Since when nothing was learnt or given back (the last 429 or recovery step). */
  private quietSince: number;
  /** 429s of the current pause (one burst of our requests refused together). */
  private burstRefused = 0;
  /** Our limit when the burst began. */
  private burstLimit = 0;

  constructor(ratePerSecond: number, private readonly now: () => number = Date.now) {
    // A rate below one a second is "one request per 1/rate seconds".
    this.maxLimit = this.limit = Math.max(1, Math.floor(ratePerSecond));
    this.windowMs = (1000 * this.limit) / ratePerSecond;
    this.guardMs = this.windowMs * GUARD_STEP;
    this.quietSince = now();
  }

  /** Waits for this request's slot; a pause that began while it waited is waited out too. */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.now();
      if (now - this.quietSince >= RECOVER_AFTER_MS) this.recover(now);
      const oldest = this.sent.length >= this.limit ? this.sent[this.sent.length - this.limit]! : -Infinity;
      const at = Math.max(now, this.pausedUntil, oldest + this.windowMs + this.guardMs);
      const slot = this.trimmed + this.sent.length;
      this.sent.push(at);
      if (at > now) await sleep(at - now, signal);
      const granted = this.now();
      // A busy event loop wakes us late: the window counts from when the request really goes out.
      const index = slot - this.trimmed;
      if (index >= 0 && granted > this.sent[index]!) this.sent[index] = granted;
      this.trim();
      if (granted >= this.pausedUntil) return;
    }
  }

  throttled(retryAfterMs: number): void {
    const now = this.now();
    // Parallel requests refused by the same full window teach us once, not once each...
    if (now >= this.pausedUntil) {
      this.burstRefused = 0;
      this.burstLimit = this.limit;
      this.learn(now);
    }
    // ...unless so many of them are refused that the window cannot be ours: with many requests
    // in flight we always fill our own limit, so "sent fewer than our limit" never shows a portal
    // that allows far less (20 sent, 17 refused at 3 a second: every retry refused again). What
    // the portal accepted of that window becomes our limit at once.
    this.burstRefused++;
    if (this.burstRefused > this.burstLimit * BURST_REFUSED) {
      // Each further refusal of the burst lowers it again: what is left accepted is the portal's.
      const accepted = this.sentWithinWindow(now) - this.burstRefused;
      this.limit = Math.max(1, Math.min(this.burstLimit - 1, accepted));
      this.suspectedAt = undefined;
    }
    this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
  }

  get currentRatePerSecond(): number {
    return (1000 * this.limit) / (this.windowMs + this.guardMs);
  }

  private learn(now: number): void {
    this.quietSince = now;
    const sent = this.sentWithinWindow(now);
    if (sent >= this.limit * BELOW_LIMIT) {
      this.guardMs = Math.min(this.windowMs * GUARD_MAX, this.guardMs + this.windowMs * GUARD_STEP);
    } else if (this.suspectedAt !== undefined && now - this.suspectedAt <= CONFIRM_WITHIN_MS) {
      this.limit = Math.max(1, Math.min(this.limit - 1, sent - 1));
      this.suspectedAt = undefined;
    } else {
      this.suspectedAt = now;
    }
  }

  /** Requests that went out within the last window before `now`, refused ones among them. */
  private sentWithinWindow(now: number): number {
    const since = now - this.windowMs - this.guardMs;
    let sent = 0;
    for (let i = this.sent.length - 1; i >= 0 && sent <= this.maxLimit; i--) if (this.sent[i]! > since && this.sent[i]! <= now) sent++;
    return sent;
  }

  /** Keeps the last `maxLimit` send times (a few more, so as not to copy the array on every request). */
  private trim(): void {
    const extra = this.sent.length - this.maxLimit;
    if (extra < this.maxLimit) return;
    this.sent.splice(0, extra);
    this.trimmed += extra;
  }

  private recover(now: number): void {
    this.quietSince = now;
    if (this.limit < this.maxLimit) this.limit++;
    else this.guardMs = Math.max(this.windowMs * GUARD_STEP, this.guardMs - this.windowMs * GUARD_STEP);
  }
}
