// A lookup read from rendered pages: real navigations in a browser page (the SDK's render reader),
// the 变更记录 tab clicked, further tab pages navigated to (record-tabs.ts decides which). The
// fallback when a fetched document lacks what the rendered page shows (fetch-lookup.ts), and the
// whole path with `render: true`. Every document read for the lookup
// (detail page first, then each tab page) is kept byte for byte, as on the fetch path.

import type { Page, Response } from 'playwright-core';
import type { RegistryCompanyRecord, StoredPage } from '../records';
import { LayoutError, type BotContext } from '../sdk';
import { parseStatedTotal } from '../sdk/stated-total';
import { answerOf, gotoPaced, HtmlDocument, type RequestPacer } from '../sdk/readers';
import type { PageStore } from '../sdk/stored-pages';
import { normaliseCode, parseBaseInfo, pickResult } from './parse';
import { readRecordTabs, type TabPageReader } from './record-tabs';
import { DetailPage } from './pages/detail.page';
import { SearchPage } from './pages/search.page';
import { SELECTORS } from './pages/selectors';
import { detailPageName, searchPageName, tabPageName } from './stored-names';

export type RenderedLookup = { outcome: 'notFound'; pages: StoredPage[] } | { outcome: 'found'; company: RegistryCompanyRecord; pages: StoredPage[] };

export class NavigationLookup {
  constructor(private readonly ctx: BotContext, private readonly pacer: RequestPacer, private readonly store: PageStore) {}

  /** Search, then the detail page: the whole lookup by navigation, in one retried step. */
  lookup(page: Page, code: string): Promise<RenderedLookup> {
    return this.ctx.step(`lookup ${code}`, async () => {
      const searched = await gotoPaced(this.ctx, page, SearchPage.url(code), this.pacer);
      const results = await new SearchPage(page).results();
      const href = results === 'none' ? undefined : pickResult(results, code);
      if (!href) return { outcome: 'notFound' as const, pages: await this.keep(searchPageName(code), searched) };
      const detail = await gotoPaced(this.ctx, page, href, this.pacer);
      const pages = await this.keep(detailPageName(code), detail);
      if ((await page.locator(SELECTORS.noResult).count()) > 0) return { outcome: 'notFound' as const, pages };
      // Each tab page its own retried step: a 429 or busy page there retries that page, not the lookup.
      const readPage: TabPageReader = (tab, url, pageNo) => this.ctx.step(`lookup ${code} ${tab} page ${pageNo}`, async () => {
        pages.push(...(await this.keep(tabPageName(code, tab, pageNo), await gotoPaced(this.ctx, page, url, this.pacer))));
        return new DetailPage(page).tabPage(tab);
      }, page);
      return { outcome: 'found' as const, company: await readDetail(page, code, readPage), pages };
    }, page);
  }

  /** The document a navigation received (not what scripts made of it), with the stylesheets it links. */
  private async keep(name: string, response: Response | null): Promise<StoredPage[]> {
    if (!response) return [];
    const answer = await answerOf(response);
    return [await this.store.keep(name, answer, HtmlDocument.of(answer))];
  }
}

/**
 * The detail page loaded in `page`: 基本信息, 变更记录 (tab clicked, further pages followed) and the
 * list tabs it links, checked against their stated totals. The tab pages are navigated to in
 * `page`, so the page leaves the detail page last of all.
 */
async function readDetail(page: Page, code: string, readPage: TabPageReader): Promise<RegistryCompanyRecord> {
  const detail = new DetailPage(page);
  const base = parseBaseInfo(await detail.baseInfo());
  if (!base.ok) throw new LayoutError('#base-info', page.url(), base.problem);
  if (normaliseCode(base.value.uscc) !== code) throw new LayoutError('#base-info', page.url(), `detail page shows ${base.value.uscc}, not ${code}`);
  const changes = await detail.changes();
  if (!changes.hasPanel || changes.summary === null || parseStatedTotal(changes.summary) === undefined) {
    throw new LayoutError(SELECTORS.changeSummary, page.url(), `no "共 N 条" in ${JSON.stringify(changes.summary)}`);
  }
  const tabs = await readRecordTabs(code, { changes, abnormal: await detail.tabLink('abnormal'), violations: await detail.tabLink('violations') }, readPage);
  if (!tabs.ok) throw new LayoutError('#tabs', page.url(), tabs.problem);
  return { ...base.value, ...tabs.value };
}
