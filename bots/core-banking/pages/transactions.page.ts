import type { Download, Page } from 'playwright-core';
import { INTERNAL_LOGIN_FORM, LoginPage, PortalError, requireElement, SessionExpiredError } from '../../sdk';

const EXPORT_LINK = 'a#export-csv';

/** 交易流水查询: the date-filtered transaction list and its 导出CSV link. */
export class TransactionsPage {
  constructor(private readonly page: Page) {}

  /**
   * Clicks 导出CSV and waits for the download. When the portal answers with a page instead (an
   * error page, the login page), says which: a 5xx is a PortalError, the login form a
   * SessionExpiredError, so the runtime retries or logs in again.
   */
  async exportCsv(timeoutMs = 120_000): Promise<Download> {
    const link = await requireElement(this.page, EXPORT_LINK);
    const before = this.page.url();
    const download = this.page.waitForEvent('download', { timeout: timeoutMs });
    const navigated = this.page.waitForURL((u) => u.toString() !== before, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    download.catch(() => undefined);
    navigated.catch(() => undefined);
    await link.first().click();
    const first = await Promise.race([download, navigated.then(() => null)]);
    if (first) return first;
    if (await LoginPage.isShown(this.page, INTERNAL_LOGIN_FORM)) throw new SessionExpiredError(`session expired: login page instead of the export at ${this.page.url()}`);
    const heading = ((await this.page.locator('h1').first().textContent().catch(() => '')) ?? '').trim();
    const status = Number(/^(\d{3})/.exec(heading)?.[1] ?? 500);
    throw new PortalError(`export answered a page instead of a file: ${heading || this.page.url()}`, status);
  }
}
