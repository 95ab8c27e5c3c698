import type { Page } from 'playwright-core';
import { requireElement } from '../../sdk';

const NO_RESULT = '#no-result';
const RESULT_ROWS = '#result-list tbody tr';

/** 企业信息查询: the search by code (or name) and its answer, a result list or "未查询到". */
export class SearchPage {
  constructor(private readonly page: Page) {}

  /** Submitting the search form is a GET to this URL. */
  static url(keyword: string): string {
    return `/search?${new URLSearchParams({ keyword })}`;
  }

  /** 'none' for the no-result page, else each row's code and detail link. */
  async results(): Promise<'none' | { code: string; href: string }[]> {
    await requireElement(this.page, `${NO_RESULT}, #result-list`);
    if ((await this.page.locator(NO_RESULT).count()) > 0) return 'none';
    return this.page.locator(RESULT_ROWS).evaluateAll((trs) =>
      trs.map((tr) => ({
        code: tr.querySelector('.uscc')?.textContent ?? '',
        href: tr.querySelector('a.company-link')?.getAttribute('href') ?? '',
      })),
    );
  }
}
