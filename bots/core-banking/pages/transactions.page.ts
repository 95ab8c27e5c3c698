import type { Page } from 'playwright-core';
import { LayoutError, requireElement } from '../../sdk';
import { parseTotal } from '../parse';

const TABLE = 'table#txn-table';
const TOTAL = '.pager .total';

/** 交易流水查询: the date-filtered, paginated transaction list. */
export class TransactionsPage {
  constructor(private readonly page: Page) {}

  static url(date: string, pageNo: number, size: number): string {
    return `/txn/list?${new URLSearchParams({ date, page: String(pageNo), size: String(size) })}`;
  }

  /** The "共 N 条" the portal states. */
  async statedTotal(): Promise<number> {
    const text = await (await requireElement(this.page, TOTAL)).first().textContent();
    const n = parseTotal(text ?? '');
    if (n === undefined) throw new LayoutError(TOTAL, this.page.url(), `no "共 N 条" in ${JSON.stringify(text)}`);
    return n;
  }

  async headers(): Promise<string[]> {
    return (await requireElement(this.page, `${TABLE} thead th`)).allTextContents();
  }

  /** Every row's cell texts, read in one round trip. */
  async rows(): Promise<string[][]> {
    return this.page.locator(`${TABLE} tbody tr`).evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')),
    );
  }
}
