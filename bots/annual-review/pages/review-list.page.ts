import type { Page } from 'playwright-core';
import { LayoutError, readStatedTotal, requireElement } from '../../sdk';

const TOTAL = '.pager .total, .pager .sum-v2';
const EXPORT_LINK = '#export-xlsx';

/** 年检账户清单: the accounts due for review on a date, with "共 N 条" and the Excel export link. */
export class ReviewListPage {
  constructor(private readonly page: Page) {}

  static url(reviewDate: string): string {
    return `/review/list?${new URLSearchParams({ date: reviewDate, page: '1', size: '10' })}`;
  }

  statedTotal(): Promise<number> {
    return readStatedTotal(this.page, TOTAL);
  }

  /** The export link's absolute URL. */
  async exportUrl(): Promise<string> {
    const href = await (await requireElement(this.page, EXPORT_LINK)).first().getAttribute('href');
    if (!href) throw new LayoutError(EXPORT_LINK, this.page.url(), 'export link has no href');
    return new URL(href, this.page.url()).toString();
  }
}
