// HTTP from Node with a browser context's session: the cookies the browser holds for each URL
// (its login included), the browser's User-Agent, redirects followed by hand so each hop gets the
// cookies of its own origin. The browser logs in and renders what must be seen; pages that are
// only read are fetched here, with no renderer and no DevTools round trip in between.
//
// Example:
//   const http = await SessionHttp.of(loggedInPage, 'https://portal/');
//   const answer = await http.get('/search?keyword=…', 30_000);
//   if (isContent(answer)) await http.adoptCookies(answer);   // cookies it set go to the browser
//   else if (isLogin(answer)) http.forget();   // the session changed: read the cookies afresh

import type { BrowserContext, Page } from 'playwright-core';

const MAX_REDIRECTS = 5;
const REDIRECT = new Set([301, 302, 303, 307, 308]);

export interface HttpAnswer {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  /** Set-Cookie headers of every hop, with the URL that set each: not kept until `adoptCookies`. */
  setCookies: { url: string; header: string }[];
}

type NewCookie = Parameters<BrowserContext['addCookies']>[0][number];

export class SessionHttp {
  /** Cookie headers by origin + path, read from the browser once and kept until `forget()`. */
  private readonly cookieHeaders = new Map<string, Promise<string>>();

  private constructor(private readonly context: BrowserContext, private readonly baseUrl: string, private readonly userAgent: string) {}

  /** The session of `page`'s context; relative URLs are read against `baseUrl`. The page only tells the User-Agent. */
  static async of(page: Page, baseUrl: string): Promise<SessionHttp> {
    return new SessionHttp(page.context(), baseUrl, await page.evaluate(() => navigator.userAgent));
  }

  /** GET `url`, following redirects; the cookies it sets are kept only when the caller adopts them. */
  async get(url: string, timeoutMs: number): Promise<HttpAnswer> {
    const signal = AbortSignal.timeout(timeoutMs);
    const setCookies: { url: string; header: string }[] = [];
    let current = new URL(url, this.baseUrl).href;
    for (let hop = 0; ; hop++) {
      const res = await fetch(current, {
        redirect: 'manual',
        signal,
        headers: { cookie: await this.cookieHeader(current), 'user-agent': this.userAgent, accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      });
      for (const header of res.headers.getSetCookie()) setCookies.push({ url: current, header });
      const location = res.headers.get('location');
      if (REDIRECT.has(res.status) && location !== null) {
        if (hop >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects from ${url}`);
        await res.body?.cancel();
        current = new URL(location, current).href;
        continue;
      }
      return { url: current, status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()), setCookies };
    }
  }

  /** The browser's session changed (a login): read its cookies again on the next request. */
  forget(): void {
    this.cookieHeaders.clear();
  }

  private cookieHeader(url: string): Promise<string> {
    const u = new URL(url);
    const key = `${u.origin}${u.pathname}`;
    let header = this.cookieHeaders.get(key);
    if (!header) {
      // The browser decides which cookies go to this URL (domain, path, secure, expiry).
      header = this.context.cookies(url).then((cookies) => cookies.map((c) => `${c.name}=${c.value}`).join('; '));
      this.cookieHeaders.set(key, header);
      header.catch(() => this.cookieHeaders.delete(key));
    }
    return header;
  }

  /**
   * Hands the cookies a content answer set to the browser, so a portal that renews its session on
   * reads keeps working in both. Not for an error or login answer: logging in again is the
   * session's job, and a stale answer must not overwrite a fresh login.
   */
  async adoptCookies(answer: HttpAnswer): Promise<void> {
    if (answer.setCookies.length === 0) return;
    const cookies = answer.setCookies.map(({ url, header }) => parseSetCookie(header, url)).filter((c): c is NewCookie => c !== null);
    const now = Date.now() / 1000;
    const expired = cookies.filter((c) => c.expires !== undefined && c.expires !== -1 && c.expires <= now);
    for (const c of expired) await this.context.clearCookies({ name: c.name, domain: c.domain, path: c.path });
    const live = cookies.filter((c) => !expired.includes(c));
    if (live.length > 0) await this.context.addCookies(live);
    this.forget();
  }
}

/** One Set-Cookie header → the browser's cookie (RFC 6265 defaults for Domain and Path). */
export function parseSetCookie(header: string, requestUrl: string): NewCookie | null {
  const [pair = '', ...attributes] = header.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return null;
  const u = new URL(requestUrl);
  const cookie: NewCookie = {
    name: pair.slice(0, eq).trim(),
    value: pair.slice(eq + 1).trim(),
    domain: u.hostname,
    // The default path is the request path's directory.
    path: u.pathname.slice(0, Math.max(1, u.pathname.lastIndexOf('/'))),
  };
  for (const attribute of attributes) {
    const [rawKey = '', ...rest] = attribute.split('=');
    const key = rawKey.trim().toLowerCase();
    const value = rest.join('=').trim();
    if (key === 'domain' && value) cookie.domain = `.${value.replace(/^\./u, '')}`;
    else if (key === 'path' && value.startsWith('/')) cookie.path = value;
    else if (key === 'max-age' && /^-?\d+$/u.test(value)) cookie.expires = Date.now() / 1000 + Number(value);
    else if (key === 'expires' && cookie.expires === undefined && !Number.isNaN(Date.parse(value))) cookie.expires = Date.parse(value) / 1000;
    else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'secure') cookie.secure = true;
    else if (key === 'samesite' && /^(strict|lax|none)$/iu.test(value)) cookie.sameSite = (value[0]!.toUpperCase() + value.slice(1).toLowerCase()) as NewCookie['sameSite'];
  }
  return cookie;
}
