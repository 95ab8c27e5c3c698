import { errors as playwrightErrors } from 'playwright-core';
import { NonRetryableError } from './non-retryable-error';
import { RetryableError } from './retryable-error';

/**
 * HTTP statuses a later try can get past: the request timed out (408), we were rate-limited (429),
 * the server failed on its own side (5xx). Anything else (400, 403, 404, ...) is the same answer
 * next time.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * Socket and DNS failures, by Node's `err.code`: got's default retry list (a maintained HTTP
 * client's judgement of what is transient) plus undici's codes for the same faults, since Node's
 * `fetch` puts them on `err.cause`.
 */
const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'ETIMEDOUT', 'ECONNRESET', 'EADDRINUSE', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'ENETUNREACH', 'EAI_AGAIN',
  'ECONNABORTED', 'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_SOCKET',
]);

/** How deep to follow `cause`: wrappers nest one or two levels; a cycle must not loop. */
const MAX_CAUSES = 5;

/**
 * Is this worth trying again? Decided by what the error IS, never by its message text:
 * 1. our classes say it themselves: RetryableError (PortalError, SessionExpiredError) yes,
 *    NonRetryableError (LayoutError, IncompleteExtractionError, JobCancelledError) no;
 * 2. a Playwright `TimeoutError`, or a `TimeoutError` DOMException (`AbortSignal.timeout`): yes;
 * 3. a socket/DNS `code` (see RETRYABLE_CODES), or an HTTP `status` / `statusCode` that
 *    isRetryableStatus accepts: yes;
 * 4. otherwise the same questions of its `cause` (Node's fetch wraps the socket error in a
 *    `TypeError('fetch failed')`); an error none of this recognises is not retried by a step (the
 *    worker still lets BullMQ retry the job: a crashed browser is replaced on the next attempt).
 *
 * @example
 * isRetryable(new PortalError('503 at /list', 503));                       // true
 * isRetryable(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })); // true
 * isRetryable(new LayoutError('#grid', '/list'));                          // false
 */
export function isRetryable(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; depth <= MAX_CAUSES && typeof e === 'object' && e !== null; depth++) {
    if (e instanceof NonRetryableError) return false;
    if (e instanceof RetryableError || e instanceof playwrightErrors.TimeoutError) return true;
    if (e instanceof DOMException && e.name === 'TimeoutError') return true;
    const { code, status, statusCode } = e as { code?: unknown; status?: unknown; statusCode?: unknown };
    if (typeof code === 'string' && RETRYABLE_CODES.has(code)) return true;
    const http = typeof status === 'number' ? status : statusCode;
    if (typeof http === 'number' && isRetryableStatus(http)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
