import { JobCancelledError } from './errors';

/** How `ctx.step` retries a step that failed with a retryable error (see errors/is-retryable.ts). */
export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseMs: 250, maxMs: 15_000 };

/** Exponential backoff with full jitter, never shorter than the portal's Retry-After. */
export function backoffMs(attempt: number, policy: RetryPolicy, retryAfterMs = 0, random = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return Math.max(retryAfterMs, Math.round(ceiling / 2 + random() * (ceiling / 2)));
}

/** Waits `ms`; a fired signal ends the wait at once with its JobCancelledError. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(JobCancelledError.of(signal));
    const onAbort = () => {
      clearTimeout(t);
      reject(JobCancelledError.of(signal!));
    };
    // Remove the listener when the wait ends, or long runs pile up listeners on one signal.
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Settles as `work` does, or rejects with the JobCancelledError as soon as `signal` fires: a step
 * that waits on a slow portal (a long export, a page under heavy latency) does not hold a
 * cancelled job for its whole duration. `work` itself runs on until its page or context is closed
 * (run-bot.ts closes the context); its outcome is then ignored.
 */
export function untilCancelled<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(JobCancelledError.of(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(JobCancelledError.of(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
