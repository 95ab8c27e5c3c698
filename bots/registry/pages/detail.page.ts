import type { Page } from 'playwright-core';
import { LayoutError, parseStatedTotal, requireElement } from '../../sdk';
import { SELECTORS } from './selectors';

const BASE_ROWS = SELECTORS.baseRows;
const CHANGES_TAB = SELECTORS.changesTab;
const CHANGES_PANEL = SELECTORS.changesPanel;

/** The company detail page: 基本信息 tab (shown first) and 变更记录 tab (switched client-side). */
export class DetailPage {
  constructor(private readonly page: Page) {}

  /** The 基本信息 table as (label, value) pairs. */
  async baseInfo(): Promise<[string, string][]> {
    await requireElement(this.page, BASE_ROWS);
    return this.page.locator(BASE_ROWS).evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('td')?.textContent ?? ''] as [string, string]),
    );
  }

  /** Clicks 变更记录 and reads its table once the panel is shown, with the "共 N 条" it states. */
  async changes(): Promise<{ headers: string[]; rows: string[][]; stated: number }> {
    await (await requireElement(this.page, CHANGES_TAB)).click();
    await this.page.locator(CHANGES_PANEL).waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {
      throw new LayoutError(CHANGES_PANEL, this.page.url(), '变更记录 tab did not open');
    });
    const headers = await this.page.locator(SELECTORS.changeHeaders).allTextContents();
    const rows = await this.page.locator(SELECTORS.changeRows).evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')),
    );
    const totalText = (await this.page.locator(SELECTORS.changeSummary).first().textContent().catch(() => null)) ?? '';
    const stated = parseStatedTotal(totalText);
    if (stated === undefined) throw new LayoutError(SELECTORS.changeSummary, this.page.url(), `no "共 N 条" in ${JSON.stringify(totalText)}`);
    return { headers, rows, stated };
  }
}
