import type { Locator, Page } from 'playwright-core';
import { LayoutError, requireElement, type BotContext } from '../../sdk';

/** One row of 待审核的变更申请, read by header text (the layout variant reorders columns). */
export interface PendingChange {
  requestNo: string;
  accountNo: string;
  remark: string;
}

const HEADERS = { requestNo: '申请编号', accountNo: '账号', remark: '备注' } as const;

/** 待审核的变更申请, searched by remark: how the bot finds a request it may already have filed. */
export class PendingChangesPage {
  constructor(private readonly ctx: BotContext, private readonly page: Page, private readonly path: string) {}

  /**
   * Requests whose remark contains `text`, pending AND processed (scope 全部; the first 100, one case
   * has at most a few): a request the back office approved before a retried job looks is still ours.
   */
  async search(text: string): Promise<PendingChange[]> {
    await this.ctx.goto(this.page, `${this.path}?${new URLSearchParams({ remark: text, scope: 'all', size: '100' })}`);
    const table = await requireElement(this.page, 'table#pending-table');
    const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim());
    const index = Object.fromEntries(Object.entries(HEADERS).map(([key, label]) => {
      const i = headers.indexOf(label);
      if (i < 0) throw new LayoutError(`table#pending-table th:has-text("${label}")`, this.page.url(), `headers: ${headers.join(', ')}`);
      return [key, i];
    })) as Record<keyof PendingChange, number>;
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    return rows.filter((cells) => cells.length === headers.length)
      .map((cells) => ({ requestNo: cells[index.requestNo]!, accountNo: cells[index.accountNo]!, remark: cells[index.remark]! }));
  }

  /** Cells other than 申请编号 and 备注 (account numbers, names of people): masked in screenshots. */
  async personalData(): Promise<Locator[]> {
    const headers = (await this.page.locator('table#pending-table thead th').allInnerTexts()).map((h) => h.trim());
    return headers.flatMap((h, i) => (h === HEADERS.requestNo || h === HEADERS.remark ? [] : [this.page.locator(`table#pending-table tbody td:nth-child(${i + 1})`)]))
      .concat(this.page.locator('.top span'));
  }
}
