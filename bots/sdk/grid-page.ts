import type { Page } from 'playwright-core';
import { LayoutError } from './errors';
import { requireElement } from './require-element';
import { parseStatedTotal } from './stated-total';

/**
 * A server-rendered, paginated table with a pager stating "共 N 条" — the screen most bank portals
 * are made of. Page objects of such screens extend it and add their URL and filters.
 * Found by the table's id, which survives restyling (renamed classes), and headers by text.
 */
export class GridPage {
  constructor(
    protected readonly page: Page,
    private readonly table: string,
    private readonly pager = '.pager',
    /** Server-rendered: the elements are there once the document is, or never. */
    private readonly renderedMs = 2_000,
  ) {}

  /** The "共 N 条" under the table. */
  async statedTotal(): Promise<number> {
    const text = (await (await requireElement(this.page, this.pager, this.renderedMs)).first().textContent()) ?? '';
    const n = parseStatedTotal(text);
    if (n === undefined) throw new LayoutError(this.pager, this.page.url(), `no "共 N 条" in ${JSON.stringify(text.trim().slice(0, 80))}`);
    return n;
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
