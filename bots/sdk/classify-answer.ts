import { PortalError, SessionExpiredError } from './errors';

/** The page title a portal shows when it is overloaded ("系统繁忙，请稍后再试"). */
export const BUSY_TEXT = /系统繁忙|请稍后再试/;

/**
 * What a portal answered, however it was read: a navigation (`ctx.goto`) or a fetch from inside
 * the page (bots that read documents without rendering them). One classification for both, so
 * `ctx.step` retries and re-logins work the same whichever way a bot reads.
 */
export interface PortalAnswer {
  url: string;
  status: number;
  /** The Retry-After header (seconds), if any. */
  retryAfter?: string | null;
}

/** 429 → PortalError with Retry-After; 401 → SessionExpiredError; 5xx → PortalError. */
export function classifyStatus(answer: PortalAnswer): void {
  const { status, url } = answer;
  if (status === 429) {
    const retryAfter = Number(answer.retryAfter ?? '1');
    throw new PortalError(`429 Too Many Requests at ${url}`, 429, Number.isFinite(retryAfter) ? retryAfter * 1000 : 1000);
  }
  if (status === 401) throw new SessionExpiredError(`401 at ${url}`);
  if (status >= 500) throw new PortalError(`${status} at ${url}`, status);
}

/** A login page instead of content → SessionExpiredError; a "系统繁忙" page → PortalError 503. */
export function classifyContent(url: string, content: { loginShown: boolean; title: string }): void {
  if (content.loginShown) throw new SessionExpiredError(`session expired: login page shown at ${url}`);
  if (BUSY_TEXT.test(content.title)) throw new PortalError(`portal busy (${content.title}) at ${url}`, 503);
}
