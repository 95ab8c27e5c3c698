import type { Page } from 'playwright-core';
import { requireElement } from '../require-element';
import { readStatedTotal } from '../stated-total';

/** Where a grid is on its page: what an in-page fetch looks for in the document it reads. */
export interface GridSelectors {
  table: string;
  pager: string;
}

/**
 * A server-rendered, paginated table with a pager stating "共 N 条" — the screen most bank portals
 * are made of. Page objects of such screens extend it and add their URL and filters.
 * Found by the table's id, which survives restyling (renamed classes), and headers by text.
 *
 * @example
 * export class InspectionsPage extends GridPage {
 *   constructor(page: Page) { super(page, 'table#inspection-table'); }
 *   static url(date: string, pageNo: number, size: number) { return `/inspections?date=${date}&page=${pageNo}&size=${size}`; }
 * }
 */
export class GridPage {
  constructor(
    protected readonly page: Page,
    private readonly table: string,
    private readonly pager = '.pager',
    /** Server-rendered: the elements are there once the document is, or never. */
    private readonly renderedMs = 2_000,
  ) {}

  get selectors(): GridSelectors {
    return { table: this.table, pager: this.pager };
  }

  /** The "共 N 条" under the table. */
  statedTotal(): Promise<number> {
    return readStatedTotal(this.page, this.pager, this.renderedMs);
  }

  async headers(): Promise<string[]> {
    return (await requireElement(this.page, `${this.table} thead th`, this.renderedMs)).allTextContents();
  }

  /** Every row's cell texts, read in one round trip. */
  async rows(): Promise<string[][]> {
    return this.page.locator(`${this.table} tbody tr`).evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')),
    );
  }
}
