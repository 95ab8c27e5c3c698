import { RetryableError } from './retryable-error';

/**
 * A transient fault of the portal: 5xx, 429, "系统繁忙", a connection that failed or timed out.
 * Retried with exponential backoff and jitter; `retryAfterMs` (from a Retry-After header) is
 * honoured as the minimum wait. `cause` keeps the low-level error it was made from.
 */
export class PortalError extends RetryableError {
  override name = 'PortalError';
  constructor(message: string, readonly status?: number, readonly retryAfterMs?: number, options?: ErrorOptions) {
    super(message, options);
  }
}
