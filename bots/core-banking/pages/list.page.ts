import type { Page } from 'playwright-core';
import { LayoutError, requireElement } from '../../sdk';
import { parseTotal } from '../parse';

/**
 * Any of core banking's paginated grids: a table found by its id (stable across the portal's
 * restyling, unlike its classes) and the pager's "共 N 条", found by its text.
 */
export class ListPage {
  constructor(private readonly page: Page, private readonly tableId: string) {}

  /** `/txn/list` + {date, page, size} → `/txn/list?date=…&page=…&size=…`. */
  static url(path: string, params: Record<string, string | number>): string {
    return `${path}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
  }

  /** The "共 N 条" the portal states. */
  async statedTotal(): Promise<number> {
    const pager = await requireElement(this.page, '.pager');
    const text = (await pager.first().textContent()) ?? '';
    const n = parseTotal(text);
    if (n === undefined) throw new LayoutError('.pager', this.page.url(), `no "共 N 条" in ${JSON.stringify(text.trim().slice(0, 80))}`);
    return n;
  }

  async headers(): Promise<string[]> {
    return (await requireElement(this.page, `table#${this.tableId} thead th`)).allTextContents();
  }

  /** Every row's cell texts, read in one round trip. */
  async rows(): Promise<string[][]> {
    return this.page.locator(`table#${this.tableId} tbody tr`).evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')),
    );
  }
}
