import type { Page, Response } from 'playwright-core';
import { PortalError, requireElement, SessionExpiredError } from '../../sdk';

const LOAD_MORE = '#load-more';
const API_PATH = '/api/tickets';

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
   * The page after `cursor`, asked for as the page's own script asks for it (its `fetch`, its
   * session cookie) but without rendering the rows into an ever longer table: one round trip to
   * the browser per page, and the DOM stays small however long the day.
   */
  async fetchPage(date: string, cursor: string): Promise<unknown> {
    const url = `${API_PATH}?${new URLSearchParams({ date, cursor })}`;
    const answer = await this.page.evaluate(async (url) => {
      // Not following redirects: an API answers 401, and a login page's cookie must not slip in unseen.
      const r = await fetch(url, { credentials: 'same-origin', redirect: 'manual', headers: { Accept: 'application/json' } });
      return { url: r.url || url, status: r.status, retryAfter: r.headers.get('retry-after'), text: await r.text() };
    }, url);
    return TicketsPage.body(answer);
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
