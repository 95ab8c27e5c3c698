import type { Page } from 'playwright-core';
import { GridPage } from '../../sdk';

const TABLE = 'table#complaint-table';

/** 投诉工单查询: complaints received in a date range, paginated; each row links to its detail page. */
export class ComplaintListPage extends GridPage {
  constructor(page: Page) {
    super(page, TABLE);
  }

  static url(date: string, pageNo: number, size: number): string {
    return `/complaints?${new URLSearchParams({ from: date, to: date, page: String(pageNo), size: String(size) })}`;
  }
}
