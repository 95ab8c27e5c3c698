import type { BrowserContext, Page, Response } from 'playwright-core';
import { PortalError, requireElement, SessionExpiredError } from '../../sdk';
import { SessionHttp, type HttpAnswer } from '../../sdk/readers';

const LOAD_MORE = '#load-more';
const API_PATH = '/api/tickets';
/** One API page may take this long before it counts as a portal fault (retried). */
const API_TIMEOUT_MS = 30_000;

/** The session of a page's context over HTTP, made once per context (one per job). */
const sessions = new WeakMap<BrowserContext, Promise<SessionHttp>>();

function sessionOf(page: Page): Promise<SessionHttp> {
  const context = page.context();
  let http = sessions.get(context);
  if (!http) {
    http = SessionHttp.of(page, new URL(page.url()).origin);
    sessions.set(context, http);
    http.catch(() => sessions.delete(context));
  }
  return http;
}

/**
 * 排队叫号记录: the single-page app's shell. The bot never reads its table; it watches the JSON
 * the page fetches (`/api/tickets`) and presses "加载更多" for the next page.
 */
export class TicketsPage {
  constructor(private readonly page: Page) {}

  static url(date: string): string {
    return `/?${new URLSearchParams({ date })}`;
  }

  /**
   * The next `/api/tickets` answer the page receives. Start waiting before the action that
   * triggers it; a wait that loses its action (the step failed first) is silenced, not leaked.
   */
  nextApiResponse(timeoutMs = 15_000): Promise<Response> {
    const waiting = this.page.waitForResponse((r) => new URL(r.url()).pathname === API_PATH, { timeout: timeoutMs });
    waiting.catch(() => undefined);
    return waiting;
  }

  /** Presses "加载更多" (Playwright waits while the button is disabled by a load in flight). */
  async loadMore(): Promise<void> {
    await (await requireElement(this.page, LOAD_MORE)).click();
  }

  /**
   * The page after `cursor`, asked for with the page's session (its cookies, its User-Agent) but
   * from Node (the SDK's SessionHttp): no round trip to the browser, no rows rendered into an ever
   * longer table, nothing in the step's trace. 333 pages of a large day cost the browser nothing.
   */
  async fetchPage(date: string, cursor: string): Promise<unknown> {
    const url = `${API_PATH}?${new URLSearchParams({ date, cursor })}`;
    const http = await sessionOf(this.page);
    let answer: HttpAnswer;
    try {
      answer = await http.get(url, API_TIMEOUT_MS);
    } catch (err) {
      // Refused, reset, the timeout: the portal did not answer, as a failed navigation.
      throw new PortalError(`fetch ${url} failed: ${(err as Error).message}`, undefined, undefined, { cause: err });
    }
    // An API answers 401 to a dropped session; one that redirects has sent us to the login page.
    const redirected = new URL(answer.url).pathname !== API_PATH;
    if (answer.status === 401 || redirected) {
      http.forget();
      throw new SessionExpiredError(`${redirected ? 'redirected (to the login page)' : '401'} from ${url}`);
    }
    if (answer.status === 200) await http.adoptCookies(answer);
    return TicketsPage.body({ url: answer.url, status: answer.status, retryAfter: answer.retryAfter, text: Buffer.from(answer.bytes).toString('utf8') });
  }

  /** The JSON body of an API answer, or the error that says what to do about it. */
  static async json(response: Response): Promise<unknown> {
    return TicketsPage.body({ url: response.url(), status: response.status(), retryAfter: response.headers()['retry-after'] ?? null, text: await response.text() });
  }

  private static body(a: { url: string; status: number; retryAfter: string | null; text: string }): unknown {
    if (a.status === 401) throw new SessionExpiredError(`401 from ${a.url}`);
    if (a.status === 429 || a.status >= 500) {
      const retryAfter = Number(a.retryAfter ?? '0');
      throw new PortalError(`${a.status} from ${a.url}`, a.status, retryAfter > 0 ? retryAfter * 1000 : undefined);
    }
    // 0: a redirect not followed (the API never redirects a live session).
    if (a.status === 0) throw new SessionExpiredError(`redirected (to the login page) from ${a.url}`);
    if (a.status !== 200) throw new Error(`${a.status} from ${a.url}: ${a.text.slice(0, 200)}`);
    try {
      return JSON.parse(a.text) as unknown;
    } catch {
      throw new Error(`not JSON from ${a.url}: ${a.text.slice(0, 200)}`);
    }
  }
}
