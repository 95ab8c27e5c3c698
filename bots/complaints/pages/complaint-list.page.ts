import type { Page } from 'playwright-core';
import { LayoutError, requireElement } from '../../sdk';
import { parseStatedTotal } from '../parse';

const TABLE = 'table#complaint-table';
const PAGER = '.pager';
/** The page is rendered by the server: its elements are there once the document is, or never. */
const RENDERED_MS = 2_000;

/** 投诉工单查询: complaints received in a date range, paginated; each row links to its detail page. */
export class ComplaintListPage {
  constructor(private readonly page: Page) {}

  static url(date: string, pageNo: number, size: number): string {
    return `/complaints?${new URLSearchParams({ from: date, to: date, page: String(pageNo), size: String(size) })}`;
  }

  /** The "共 N 条" under the table. */
  async statedTotal(): Promise<number> {
    const text = (await (await requireElement(this.page, PAGER, RENDERED_MS)).first().textContent()) ?? '';
    const n = parseStatedTotal(text);
    if (n === undefined) throw new LayoutError(PAGER, this.page.url(), `no "共 N 条" in ${JSON.stringify(text.trim().slice(0, 80))}`);
    return n;
  }

  async headers(): Promise<string[]> {
    return (await requireElement(this.page, `${TABLE} thead th`, RENDERED_MS)).allTextContents();
  }

  /** Every row's cell texts, read in one round trip. */
  async rows(): Promise<string[][]> {
    return this.page.locator(`${TABLE} tbody tr`).evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')),
    );
  }
}
