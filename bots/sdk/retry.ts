import { PortalError } from './errors';

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

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    // Remove the listener when the wait ends, or long runs pile up listeners on one signal.
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Is this a fault worth retrying? Playwright timeouts and network errors count as portal faults. */
export function isTransient(err: unknown): boolean {
  if (err instanceof PortalError) return true;
  const msg = err instanceof Error ? err.message : '';
  return /Timeout \d+ms exceeded|net::ERR_|ECONNRESET|ECONNREFUSED|socket hang up/.test(msg);
}
