// SessionHttp (the SDK's HTTP reader's transport): Node's HTTP with a real Chromium context's
// session. The browser's cookies go to the URLs they belong to (not to another host a redirect
// leads to), cookies a content answer sets reach the browser only when adopted, and a changed
// session is read again after forget(). Set-Cookie headers are read by tough-cookie (setCookieIn).

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CookieJar } from 'tough-cookie';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../../bots/sdk';
import { SessionHttp, setCookieIn } from '../../../bots/sdk/readers';
import { HttpApp } from '../../../fixtures/kit/http-app';

/** A server that echoes the Cookie header it got, sets cookies and redirects on request. */
async function startEcho(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = new HttpApp();
  app.get('/echo', (req, res) => res.json({ cookie: req.headers.cookie ?? null, ua: req.headers['user-agent'] ?? null }));
  app.get('/login', (_req, res) => res.html('<form id="login-form"></form>'));
  app.get('/set', (req, res) => {
    res.header('Set-Cookie', [`${req.query.get('name')}=${req.query.get('value')}; Path=/; HttpOnly`]);
    res.html('<p>ok</p>');
  });
  app.get('/unset', (req, res) => {
    res.header('Set-Cookie', [`${req.query.get('name')}=; Path=/; Max-Age=0`]);
    res.html('<p>gone</p>');
  });
  app.get('/go', (req, res) => res.redirect(req.query.get('to')!));
  const url = await app.listen(0);
  return { url, close: () => app.close() };
}

const body = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as { cookie: string | null; ua: string | null };

describe('SessionHttp: HTTP from Node with the browser session', () => {
  let browser: Browser;
  let a: Awaited<ReturnType<typeof startEcho>>;
  let b: Awaited<ReturnType<typeof startEcho>>;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    a = await startEcho();
    b = await startEcho();
  });
  afterAll(async () => {
    await browser?.close();
    await a?.close();
    await b?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(`${a.url}/set?name=JSESSIONID&value=browser-login`);
    return () => context.close();
  });

  it("sends the browser's cookies and User-Agent, and a redirect to another host gets none of them", async () => {
    const http = await SessionHttp.of(page, a.url);
    const own = await http.get('/echo', 5_000);
    expect(body(own.bytes)).toEqual({ cookie: 'JSESSIONID=browser-login', ua: await page.evaluate(() => navigator.userAgent) });
    // b on "localhost" is another host for cookies than a on 127.0.0.1.
    const elsewhere = `${b.url.replace('127.0.0.1', 'localhost')}/echo`;
    const redirected = await http.get(`/go?to=${encodeURIComponent(elsewhere)}`, 5_000);
    expect(redirected.url).toBe(elsewhere);
    expect(body(redirected.bytes).cookie).toBe('');
  });

  it('hands the cookies an answer set to the browser only when adopted', async () => {
    const http = await SessionHttp.of(page, a.url);
    const answer = await http.get('/set?name=renewed&value=r2', 5_000);
    expect(answer.setCookies).toHaveLength(1);
    expect((await context.cookies(a.url)).map((c) => c.name)).toEqual(['JSESSIONID']);
    await http.adoptCookies(answer);
    expect(await context.cookies(a.url)).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'renewed', value: 'r2', httpOnly: true, path: '/' })]));
    // The next request carries it, and so does the browser's next navigation.
    expect(body((await http.get('/echo', 5_000)).bytes).cookie).toContain('renewed=r2');
    await page.goto(`${a.url}/echo`);
    expect(await page.textContent('body')).toContain('renewed=r2');
    // A cookie the portal expires is removed from the browser too.
    await http.adoptCookies(await http.get('/unset?name=renewed', 5_000));
    expect((await context.cookies(a.url)).map((c) => c.name)).toEqual(['JSESSIONID']);
  });

  it('keeps the cookie header it read until forget(): a new login is read then', async () => {
    const http = await SessionHttp.of(page, a.url);
    expect(body((await http.get('/echo', 5_000)).bytes).cookie).toBe('JSESSIONID=browser-login');
    await page.goto(`${a.url}/set?name=JSESSIONID&value=second-login`);
    expect(body((await http.get('/echo', 5_000)).bytes).cookie).toBe('JSESSIONID=browser-login');
    http.forget();
    expect(body((await http.get('/echo', 5_000)).bytes).cookie).toBe('JSESSIONID=second-login');
  });

  it('sends no Cookie header while the session holds none, and the first cookie adopted from then on', async () => {
    const bare = await browser.newContext();
    try {
      const http = await SessionHttp.of(await bare.newPage(), a.url);
      expect(body((await http.get('/echo', 5_000)).bytes).cookie).toBeNull();
      await http.adoptCookies(await http.get('/set?name=first&value=f1', 5_000));
      expect(body((await http.get('/echo', 5_000)).bytes).cookie).toBe('first=f1');
    } finally {
      await bare.close();
    }
  });

  it('a redirect chain that ends on the login page keeps its cookies out of the browser until adopted', async () => {
    const http = await SessionHttp.of(page, a.url);
    const answer = await http.get(`/go?to=${encodeURIComponent('/set?name=JSESSIONID&value=pre-session')}`, 5_000);
    expect(answer.setCookies).toEqual([{ url: `${a.url}/set?name=JSESSIONID&value=pre-session`, header: 'JSESSIONID=pre-session; Path=/; HttpOnly' }]);
    expect((await context.cookies(a.url)).find((c) => c.name === 'JSESSIONID')?.value).toBe('browser-login');
  });
});

describe('setCookieIn (a Set-Cookie header → the jar and the browser cookie)', () => {
  const parseSetCookie = async (header: string, url: string) => (await setCookieIn(new CookieJar(), header, url))?.cookie ?? null;

  it('defaults Domain to the host and Path to the request directory; reads the attributes', async () => {
    expect(await parseSetCookie('sid=abc=def; HttpOnly', 'https://portal.example/app/search?x=1')).toEqual({ name: 'sid', value: 'abc=def', domain: 'portal.example', path: '/app', httpOnly: true, secure: false });
    expect(await parseSetCookie('sid=1; Domain=.bank.example; Path=/x; Secure; SameSite=strict', 'https://portal.bank.example/')).toEqual({ name: 'sid', value: '1', domain: '.bank.example', path: '/x', httpOnly: false, secure: true, sameSite: 'Strict' });
  });

  it('Max-Age wins over Expires, and 0 means gone', async () => {
    const gone = await setCookieIn(new CookieJar(), 'sid=1; Max-Age=0; Expires=Wed, 01 Jan 2099 00:00:00 GMT', 'https://p.example/');
    expect(gone?.live).toBe(false);
    expect((await parseSetCookie('sid=1; Expires=Wed, 01 Jan 2099 00:00:00 GMT', 'https://p.example/'))!.expires).toBe(Date.parse('2099-01-01T00:00:00Z') / 1000);
    expect(await parseSetCookie('novalue', 'https://p.example/')).toBeNull();
  });

  it('refuses a Domain the answering host may not set (another site, a public suffix)', async () => {
    expect(await parseSetCookie('sid=1; Domain=other.example', 'https://portal.bank.example/')).toBeNull();
    expect(await parseSetCookie('sid=1; Domain=com.cn', 'https://portal.com.cn/')).toBeNull();
  });
});
