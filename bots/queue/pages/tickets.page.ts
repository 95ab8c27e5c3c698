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

  /** The JSON body of an API answer, or the error that says what to do about it. */
  static async json(response: Response): Promise<unknown> {
    const status = response.status();
    if (status === 401) throw new SessionExpiredError(`401 from ${response.url()}`);
    if (status === 429 || status >= 500) {
      const retryAfter = Number(response.headers()['retry-after'] ?? '0');
      throw new PortalError(`${status} from ${response.url()}`, status, retryAfter > 0 ? retryAfter * 1000 : undefined);
    }
    if (status !== 200) throw new Error(`${status} from ${response.url()}: ${(await response.text()).slice(0, 200)}`);
    return response.json();
  }
}
