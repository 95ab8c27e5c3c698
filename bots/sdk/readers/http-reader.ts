// The HTTP reader: a page fetched from Node with the browser's session (session-http.ts), paced
// (request-pacer.ts), parsed with node-html-parser (HtmlDocument) and classified as `ctx.goto`
// classifies a navigation, with the portal's own login form and busy text. No layout, no paint,
// no subresources, no DevTools round trip: the browser logs in and renders only what must be seen.

import type { Page } from 'playwright-core';
import { classifyDocument, isLoginDocument, type PortalPages } from '../classify-answer';
import { PortalError } from '../errors';
import { HtmlDocument } from './html-document';
import type { PageAnswer } from './page-answer';
import type { RequestPacer } from './request-pacer';
import { SessionHttp, type HttpAnswer } from './session-http';

/** How long one read may take before it counts as a portal fault (retried like a navigation timeout). */
const READ_TIMEOUT_MS = 30_000;

export interface ReadPage {
  /** The bytes as received, with their URL, status and headers (for evidence). */
  answer: PageAnswer;
  doc: HtmlDocument;
}

export interface HttpReaderOptions {
  portal: PortalPages;
  /** The portal's address: relative URLs are read against it. */
  baseUrl: string;
  /** Shared with every other request of the run (rendered pages included), if the portal limits our rate. */
  pacer?: RequestPacer;
  /** The job's cancellation: a read waiting for its slot stops. */
  signal?: AbortSignal;
  timeoutMs?: number;
}

/**
 * @example
 * const reader = await HttpReader.open(await ctx.newPage(), { portal, baseUrl: ctx.baseUrl, pacer, signal: ctx.signal });
 * const { doc } = await ctx.step('search', () => reader.read(`/search?keyword=${code}`));   // 429, busy, login page → retried
 */
export class HttpReader {
  private constructor(private readonly http: SessionHttp, private readonly opts: HttpReaderOptions) {}

  /** A reader with the session of `page`'s context (a page that opened the portal, so it is logged in). */
  static async open(page: Page, opts: HttpReaderOptions): Promise<HttpReader> {
    return new HttpReader(await SessionHttp.of(page, opts.baseUrl), opts);
  }

  /**
   * A reader with no browser behind it (SessionHttp.direct): for a public portal that answers a
   * plain request, so a run that only reads never starts Chromium. `userAgent` says who asks.
   */
  static direct(opts: HttpReaderOptions & { userAgent: string }): HttpReader {
    return new HttpReader(SessionHttp.direct(opts.baseUrl, opts.userAgent), opts);
  }

  /**
   * Fetches and parses `url` without judging the answer; a network failure or timeout is a
   * PortalError. For a probe ("does Node reach the portal at all?"); reads go through `read`.
   */
  async fetch(url: string): Promise<ReadPage & { answer: HttpAnswer }> {
    await this.opts.pacer?.take(this.opts.signal);
    let answer: HttpAnswer;
    try {
      answer = await this.http.get(url, this.opts.timeoutMs ?? READ_TIMEOUT_MS);
    } catch (err) {
      const e = err as Error & { cause?: Error };
      // Connection refused/reset, the timeout, too many redirects: a portal fault like a failed navigation.
      throw new PortalError(`fetch ${url} failed: ${[e.message, e.cause?.message].filter(Boolean).join(': ')}`, undefined, undefined, { cause: err });
    }
    // Only a 429 teaches the pacer: it counts what it sent, not what was answered.
    if (answer.status === 429) this.opts.pacer?.throttled(retryAfterMs(answer.retryAfter));
    return { answer, doc: HtmlDocument.of(answer) };
  }

  /**
   * Reads `url` and raises what `ctx.goto` raises for the same page: 429/5xx/busy → PortalError,
   * 401/login page → SessionExpiredError (and the browser's cookies are read afresh, so the retry
   * after the re-login carries the new session). Cookies a content answer sets go to the browser;
   * a login or error answer's never do (a stale answer must not overwrite a fresh login).
   */
  async read(url: string): Promise<ReadPage> {
    const read = await this.fetch(url);
    const { answer, doc } = read;
    if (isLoginDocument(this.opts.portal, doc)) this.http.forget();
    else if (answer.status < 400) await this.http.adoptCookies(answer);
    classifyDocument(this.opts.portal, doc, answer.retryAfter);
    return read;
  }
}

function retryAfterMs(header: string | null): number {
  const seconds = Number(header ?? '1');
  return Number.isFinite(seconds) ? seconds * 1000 : 1000;
}
