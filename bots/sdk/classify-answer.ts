// One classification of what a portal answered, whichever way the page was read: rendered
// (`ctx.goto`), fetched inside the page, or fetched over HTTP with the browser's session
// (readers/). The same answers raise the same errors, so `ctx.step` retries and logs in again
// the same way whatever reader a bot chose.

import type { PortalDefinition } from './define-portal';
import { PortalError, SessionExpiredError } from './errors';
import type { HtmlDocument } from './readers/html-document';

/** The page title a portal shows when it is overloaded ("系统繁忙，请稍后再试"), unless the portal says otherwise. */
export const BUSY_TEXT = /系统繁忙|请稍后再试/;

/** What tells a portal's non-content pages apart: its login form and its busy text. */
export type PortalPages = Pick<PortalDefinition, 'loginForm' | 'busyText'>;

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

/** A login page instead of content → SessionExpiredError; a busy page (the portal's busy text in the title) → PortalError 503. */
export function classifyContent(url: string, content: { loginShown: boolean; title: string }, busyText: RegExp = BUSY_TEXT): void {
  if (content.loginShown) throw new SessionExpiredError(`session expired: login page shown at ${url}`);
  if (busyText.test(content.title)) throw new PortalError(`portal busy (${content.title}) at ${url}`, 503);
}

/** The portal's busy text (BUSY_TEXT unless its definition gives one). */
export function busyTextOf(portal: PortalPages): RegExp {
  return portal.busyText ?? BUSY_TEXT;
}

/**
 * Whether a document read without rendering is the portal's login page: its login form's
 * selector matches, or the answer came from its login path (a redirect there). A portal without
 * a login has no login page.
 */
export function isLoginDocument(portal: PortalPages, doc: HtmlDocument): boolean {
  const form = portal.loginForm;
  if (!form) return false;
  return doc.has(form.form) || new URL(doc.url).pathname === form.path;
}

/** Status, login page and busy title of a document read without rendering: the errors `ctx.goto` raises for the same page. */
export function classifyDocument(portal: PortalPages, doc: HtmlDocument, retryAfter: string | null = null): void {
  classifyStatus({ url: doc.url, status: doc.status, retryAfter });
  classifyContent(doc.url, { loginShown: isLoginDocument(portal, doc), title: doc.title }, busyTextOf(portal));
}
