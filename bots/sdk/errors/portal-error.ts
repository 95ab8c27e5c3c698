/**
 * A transient fault of the portal: 5xx, timeout, 429, "系统繁忙". Retried with exponential backoff
 * and jitter; `retryAfterMs` (from a Retry-After header) is honoured as the minimum wait.
 */
export class PortalError extends Error {
  override name = 'PortalError';
  constructor(message: string, readonly status?: number, readonly retryAfterMs?: number) {
    super(message);
  }
}
