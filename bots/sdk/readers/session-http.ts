// HTTP from Node with a browser context's session: the cookies the browser holds (its login
// included) in a tough-cookie jar, the browser's User-Agent, redirects followed by hand so each
// hop gets the cookies of its own URL and never another host's (each hop one httpGet: node:http,
// not fetch, for its CPU). The browser logs in and renders what must be seen; pages that are only
// read are fetched here, with no renderer and no DevTools round trip in between.
//
// Example:
//   const http = await SessionHttp.of(loggedInPage, 'https://portal/');
//   const answer = await http.get('/search?keyword=…', 30_000);
//   if (isContent(answer)) await http.adoptCookies(answer);   // cookies it set go to jar and browser
//   else if (isLogin(answer)) http.forget();                  // the session changed: read the browser afresh

import type { BrowserContext, Page } from 'playwright-core';
import { Cookie, CookieJar } from 'tough-cookie';
import { httpGet } from './http-get';
import type { PageAnswer } from './page-answer';

const MAX_REDIRECTS = 5;
const REDIRECT = new Set([301, 302, 303, 307, 308]);

export interface HttpAnswer extends PageAnswer {
  /** Set-Cookie headers of every hop, with the URL that set each: not kept until `adoptCookies`. */
  setCookies: { url: string; header: string }[];
}

/** The jar, and whether a cookie ever went in (false: no request needs a Cookie header). */
interface SessionJar {
  jar: CookieJar;
  holdsCookies: boolean;
}

type BrowserCookie = Awaited<ReturnType<BrowserContext['cookies']>>[number];
type NewCookie = Parameters<BrowserContext['addCookies']>[0][number];

export class SessionHttp {
  /** The browser's cookies, read once and kept (with the cookies adopted since) until `forget()`. */
  private jar: Promise<SessionJar> | undefined;

  private constructor(private readonly context: BrowserContext | null, private readonly baseUrl: string, private readonly userAgent: string) {}

  /** The session of `page`'s context; relative URLs are read against `baseUrl`. The page only tells the User-Agent. */
  static async of(page: Page, baseUrl: string): Promise<SessionHttp> {
    return new SessionHttp(page.context(), baseUrl, await page.evaluate(() => navigator.userAgent));
  }

  /**
   * A session of Node's own, no browser behind it: for a public portal (no login) that answers a
   * plain request. Its cookies live in its jar only; `forget()` empties it.
   */
  static direct(baseUrl: string, userAgent: string): SessionHttp {
    return new SessionHttp(null, baseUrl, userAgent);
  }

  /** GET `url`, following redirects; the cookies it sets are kept only when the caller adopts them. */
  async get(url: string, timeoutMs: number): Promise<HttpAnswer> {
    // One limit for the whole read, redirects included.
    const deadline = Date.now() + timeoutMs;
    const session = await this.cookieJar();
    const setCookies: { url: string; header: string }[] = [];
    let current = new URL(url, this.baseUrl).href;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { 'user-agent': this.userAgent, accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
      // A public portal sets no cookie: then there is none to look up (tough-cookie's lookup was a tenth of a read's CPU).
      if (session.holdsCookies) headers.cookie = await session.jar.getCookieString(current);
      const res = await httpGet(current, headers, { timeoutMs: Math.max(1, deadline - Date.now()) });
      for (const header of res.setCookies) setCookies.push({ url: current, header });
      if (REDIRECT.has(res.status) && res.location !== null) {
        if (hop >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects from ${url}`);
        current = new URL(res.location, current).href;
        continue;
      }
      return { url: current, status: res.status, contentType: res.contentType, retryAfter: res.retryAfter, bytes: res.bytes, fetchedAt: new Date().toISOString(), setCookies };
    }
  }

  /** The browser's session changed (a login): read its cookies again on the next request. */
  forget(): void {
    this.jar = undefined;
  }

  /**
   * Hands the cookies a content answer set to the jar and to the browser, so a portal that renews
   * its session on reads keeps working in both. Not for an error or login answer: logging in again
   * is the session's job, and a stale answer must not overwrite a fresh login.
   */
  async adoptCookies(answer: Pick<HttpAnswer, 'setCookies'>): Promise<void> {
    if (answer.setCookies.length === 0) return;
    const session = await this.cookieJar();
    for (const { url, header } of answer.setCookies) {
      const set = await setCookieIn(session.jar, header, url);
      if (!set) continue;
      session.holdsCookies = true;
      if (!this.context) continue;
      if (set.live) await this.context.addCookies([set.cookie]);
      else await this.context.clearCookies({ name: set.cookie.name, domain: set.cookie.domain, path: set.cookie.path });
    }
  }

  private cookieJar(): Promise<SessionJar> {
    this.jar ??= (this.context ? this.context.cookies() : Promise.resolve([])).then(async (cookies) => {
      const jar = new CookieJar();
      for (const c of cookies) await jar.store.putCookie(fromBrowser(c));
      return { jar, holdsCookies: cookies.length > 0 };
    });
    const jar = this.jar;
    jar.catch(() => {
      if (this.jar === jar) this.jar = undefined;
    });
    return jar;
  }
}

/**
 * One Set-Cookie header received from `url`, stored in `jar` by RFC 6265 (tough-cookie: default
 * Domain and Path, Max-Age over Expires, a Domain the answering host may not set refused), and
 * the cookie as the browser should then hold it; `live: false` when the header expires it. Null
 * for a header that sets nothing (no name, a refused Domain), as a browser ignores it.
 */
export async function setCookieIn(jar: CookieJar, header: string, url: string): Promise<{ cookie: NewCookie; live: boolean } | null> {
  const cookie = await jar.setCookie(header, url, { ignoreError: true });
  if (!cookie) return null;
  return { cookie: toBrowser(cookie), live: cookie.TTL() > 0 };
}

/** A browser cookie as the jar keeps it: a leading dot means the domain and its subdomains. */
function fromBrowser(c: BrowserCookie): Cookie {
  const hostOnly = !c.domain.startsWith('.');
  return new Cookie({
    key: c.name,
    value: c.value,
    domain: c.domain.replace(/^\./u, ''),
    path: c.path,
    expires: c.expires === -1 ? 'Infinity' : new Date(c.expires * 1000),
    httpOnly: c.httpOnly,
    secure: c.secure,
    hostOnly,
    sameSite: c.sameSite.toLowerCase(),
    creation: new Date(),
  });
}

/** A jar cookie as Playwright adds it to the browser. */
function toBrowser(c: Cookie): NewCookie {
  const expiry = c.expiryTime();
  const sameSite = c.sameSite?.toLowerCase();
  return {
    name: c.key,
    value: c.value,
    domain: c.hostOnly ? (c.domain ?? '') : `.${c.domain ?? ''}`,
    path: c.path ?? '/',
    ...(expiry !== undefined && Number.isFinite(expiry) ? { expires: expiry / 1000 } : {}),
    httpOnly: c.httpOnly,
    secure: c.secure,
    ...(sameSite === 'strict' ? { sameSite: 'Strict' as const } : sameSite === 'lax' ? { sameSite: 'Lax' as const } : sameSite === 'none' ? { sameSite: 'None' as const } : {}),
  };
}
