import type { Page } from 'playwright-core';
import { LayoutError, requireElement } from '../../sdk';
import { parseStatedTotal } from '../parse';

export interface AlertQuery {
  asOf: string;
  from?: string;
  to?: string;
  state?: '待处理' | '已处理' | '已上报';
}

const TABLE = 'table#alert-table';
const PAGER = '.pager';
/** The page is rendered by the server: its elements are there once the document is, or never. */
const RENDERED_MS = 2_000;

/** 可疑交易预警查询: alerts as of a data date, filtered by creation dates and state, paginated. */
export class AlertListPage {
  constructor(private readonly page: Page) {}

  /** Alerts as of the end of `query.asOf`, created in [from, to] (open ends when absent), in a state or any. */
  static url(query: AlertQuery, pageNo: number, size: number): string {
    const q = new URLSearchParams({ asOf: query.asOf, from: query.from ?? '', to: query.to ?? '', state: query.state ?? '' });
    q.set('page', String(pageNo));
    q.set('size', String(size));
    return `/alerts?${q}`;
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
