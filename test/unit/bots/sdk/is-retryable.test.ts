import { errors as playwrightErrors } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  IncompleteExtractionError, isRetryable, isRetryableStatus, JobCancelledError, LayoutError, NonRetryableError, PortalError,
  RetryableError, SessionExpiredError,
} from '../../../../bots/sdk';

/** What Node's fetch (undici) throws when the socket fails: the code is on the cause. */
function fetchFailed(code: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code }) });
}

describe('isRetryable: by type, code and status, never by message text', () => {
  it('our classes say it themselves: retryable and not, by base class', () => {
    expect(new PortalError('503 at /list', 503)).toBeInstanceOf(RetryableError);
    expect(new SessionExpiredError('401 at /list')).toBeInstanceOf(RetryableError);
    expect(new LayoutError('#grid', '/list')).toBeInstanceOf(NonRetryableError);
    expect(new IncompleteExtractionError('x.y', 10, 9)).toBeInstanceOf(NonRetryableError);
    expect(new JobCancelledError('admin')).toBeInstanceOf(NonRetryableError);
    expect([new PortalError('busy'), new SessionExpiredError('gone'), new RetryableError('any')].map(isRetryable)).toEqual([true, true, true]);
    expect([new LayoutError('#grid', '/list'), new IncompleteExtractionError('x.y', 10, 9), new JobCancelledError('admin'), new NonRetryableError('bad input')].map(isRetryable))
      .toEqual([false, false, false, false]);
  });

  it('a Playwright TimeoutError and an AbortSignal.timeout DOMException are retried', () => {
    expect(isRetryable(new playwrightErrors.TimeoutError('locator.click: Timeout 5000ms exceeded.'))).toBe(true);
    expect(isRetryable(new DOMException('The operation timed out.', 'TimeoutError'))).toBe(true);
    expect(isRetryable(new DOMException('This operation was aborted', 'AbortError'))).toBe(false);
  });

  it('the message alone decides nothing: a plain Error that reads like a timeout or a network error is not retried', () => {
    expect(isRetryable(new Error('page.goto: Timeout 30000ms exceeded.'))).toBe(false);
    expect(isRetryable(new Error('net::ERR_CONNECTION_RESET at http://portal/list'))).toBe(false);
    expect(isRetryable(new Error('read ECONNRESET'))).toBe(false);
    expect(isRetryable('ECONNRESET')).toBe(false);
    expect(isRetryable(undefined)).toBe(false);
  });

  it('socket and DNS codes, on the error or down its cause chain (Node fetch wraps them)', () => {
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT']) {
      expect(isRetryable(fetchFailed(code)), code).toBe(true);
      expect(isRetryable(Object.assign(new Error('socket'), { code })), code).toBe(true);
    }
    expect(isRetryable(Object.assign(new Error('no such file'), { code: 'ENOENT' }))).toBe(false);
    expect(isRetryable(Object.assign(new Error('denied'), { code: 'EACCES' }))).toBe(false);
  });

  it('a NonRetryableError stays so even when its cause was transient; a wrapper of a retryable cause is retried', () => {
    expect(isRetryable(new NonRetryableError('gave up', { cause: fetchFailed('ECONNRESET') }))).toBe(false);
    expect(isRetryable(new Error('lookup failed', { cause: new PortalError('429', 429, 1000) }))).toBe(true);
  });

  it('an HTTP status on an error: 408, 429 and 5xx are retried; 4xx are the same answer next time', () => {
    expect([408, 429, 500, 502, 503, 504, 599].map(isRetryableStatus)).toEqual([true, true, true, true, true, true, true]);
    expect([200, 302, 400, 401, 403, 404, 409, 422, 600].map(isRetryableStatus)).toEqual([false, false, false, false, false, false, false, false, false]);
    expect(isRetryable(Object.assign(new Error('HTTP error'), { status: 503 }))).toBe(true);
    expect(isRetryable(Object.assign(new Error('HTTP error'), { statusCode: 429 }))).toBe(true);
    expect(isRetryable(Object.assign(new Error('HTTP error'), { status: 404 }))).toBe(false);
  });

  it('a cause cycle does not loop', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(isRetryable(a)).toBe(false);
  });
});
