import type { Page } from 'playwright-core';
import { requireElement } from '../../sdk';
import { SELECTORS } from './selectors';

const NO_RESULT = SELECTORS.noResult;
const RESULT_ROWS = SELECTORS.resultRows;

/** 企业信息查询: the search by code (or name) and its answer, a result list or "未查询到". */
export class SearchPage {
  constructor(private readonly page: Page) {}

  /** Submitting the search form is a GET to this URL. */
  static url(keyword: string): string {
    return `/search?${new URLSearchParams({ keyword })}`;
  }

  /** 'none' for the no-result page, else each row's code and detail link. */
  async results(): Promise<'none' | { code: string; href: string }[]> {
    await requireElement(this.page, `${NO_RESULT}, ${SELECTORS.resultList}`);
    if ((await this.page.locator(NO_RESULT).count()) > 0) return 'none';
    return this.page.locator(RESULT_ROWS).evaluateAll((trs, sel) =>
      trs.map((tr) => ({
        code: tr.querySelector(sel.code)?.textContent ?? '',
        href: tr.querySelector(sel.link)?.getAttribute('href') ?? '',
      })), { code: SELECTORS.resultCode, link: SELECTORS.resultLink },
    );
  }
}
