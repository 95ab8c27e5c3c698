import type { Page } from 'playwright-core';
import { GridPage } from '../../sdk';

const TABLE = 'table#inspection-table';

/** 巡检记录查询: the date-filtered, paginated inspection table. */
export class InspectionsPage extends GridPage {
  constructor(page: Page) {
    super(page, TABLE);
  }

  static url(date: string, pageNo: number, size: number): string {
    return `/inspections?${new URLSearchParams({ date, page: String(pageNo), size: String(size) })}`;
  }
}
