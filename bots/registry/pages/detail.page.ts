import type { Page } from 'playwright-core';
import { LayoutError, requireElement } from '../../sdk';
import type { TabPageContent } from '../record-tabs';
import { recordTabSelectors, SELECTORS, type RecordTab } from './selectors';

const BASE_ROWS = SELECTORS.baseRows;
const CHANGES_TAB = SELECTORS.changesTab;
const CHANGES_PANEL = SELECTORS.changesPanel;

/**
 * The company detail page: 基本信息 tab (shown first), 变更记录 tab (switched client-side) and the
 * links of the other record tabs with their counts; also a record tab's own page (`tabPage`).
 */
export class DetailPage {
  constructor(private readonly page: Page) {}

  /** The 基本信息 table as (label, value) pairs. */
  async baseInfo(): Promise<[string, string][]> {
    await requireElement(this.page, BASE_ROWS);
    return this.page.locator(BASE_ROWS).evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('td')?.textContent ?? ''] as [string, string]),
    );
  }

  /** Clicks 变更记录 and reads its first page once the panel is shown (table, "共 N 条", next page). */
  async changes(): Promise<TabPageContent> {
    await (await requireElement(this.page, CHANGES_TAB)).click();
    await this.page.locator(CHANGES_PANEL).waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {
      throw new LayoutError(CHANGES_PANEL, this.page.url(), '变更记录 tab did not open');
    });
    return this.tabPage('changes');
  }

  /** A record tab's link in the tab bar, with the count its label states; null when the page has no such tab. */
  async tabLink(tab: RecordTab): Promise<{ href: string; countText: string } | null> {
    const t = recordTabSelectors(tab);
    return this.page.evaluate((s) => {
      const link = document.querySelector(s.link);
      if (!link) return null;
      return { href: new URL(link.getAttribute('href') ?? '', document.baseURI).href, countText: (document.querySelector(s.count) ?? link).textContent ?? '' };
    }, t);
  }

  /** The page of `tab` shown now (the detail page for 变更记录's first page, else the tab's own page). */
  async tabPage(tab: RecordTab): Promise<TabPageContent> {
    const t = recordTabSelectors(tab);
    return this.page.evaluate((s) => {
      const summary = document.querySelector(s.summary);
      const next = document.querySelector(s.next)?.getAttribute('href');
      return {
        hasPanel: document.querySelector(s.panel) !== null,
        headers: Array.from(document.querySelectorAll(s.headers), (th) => th.textContent ?? ''),
        rows: Array.from(document.querySelectorAll(s.rows), (tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')),
        summary: summary ? summary.textContent ?? '' : null,
        next: next ? new URL(next, document.baseURI).href : null,
      };
    }, t);
  }
}
