import type { Page } from 'playwright-core';
import { GridPage } from '../../sdk';

export interface AlertQuery {
  asOf: string;
  from?: string;
  to?: string;
  state?: '待处理' | '已处理' | '已上报';
}

const TABLE = 'table#alert-table';

/** 可疑交易预警查询: alerts as of a data date, filtered by creation dates and state, paginated. */
export class AlertListPage extends GridPage {
  constructor(page: Page) {
    super(page, TABLE);
  }

  /** Alerts as of the end of `query.asOf`, created in [from, to] (open ends when absent), in a state or any. */
  static url(query: AlertQuery, pageNo: number, size: number): string {
    const q = new URLSearchParams({ asOf: query.asOf, from: query.from ?? '', to: query.to ?? '', state: query.state ?? '' });
    q.set('page', String(pageNo));
    q.set('size', String(size));
    return `/alerts?${q}`;
  }
}
