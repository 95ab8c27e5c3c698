import type { Page } from 'playwright-core';
import { GridPage } from '../../sdk';

/**
 * Any of core banking's paginated grids: a table found by its id (stable across the portal's
 * restyling, unlike its classes) and the pager's "共 N 条".
 */
export class ListPage extends GridPage {
  constructor(page: Page, tableId: string) {
    super(page, `table#${tableId}`, '.pager', 5_000);
  }

  /** `/txn/list` + {date, page, size} → `/txn/list?date=…&page=…&size=…`. */
  static url(path: string, params: Record<string, string | number>): string {
    return `${path}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
  }
}
