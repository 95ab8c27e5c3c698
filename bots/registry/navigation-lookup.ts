// A lookup read from rendered pages: real navigations in a browser page (the SDK's render reader),
// the 变更记录 tab clicked. The fallback when a fetched document lacks what the rendered page shows
// (fetch-lookup.ts), and the whole path with `render: true`. The document that answers the lookup
// is kept byte for byte, as on the fetch path.

import type { Page, Response } from 'playwright-core';
import type { RegistryCompanyRecord, StoredPage } from '../records';
import { LayoutError, PortalError, type BotContext } from '../sdk';
import { answerOf, gotoPaced, HtmlDocument, type RequestPacer } from '../sdk/readers';
import type { PageStore } from '../sdk/stored-pages';
import { normaliseCode, parseBaseInfo, parseChanges, pickResult } from './parse';
import { DetailPage } from './pages/detail.page';
import { SearchPage } from './pages/search.page';
import { SELECTORS } from './pages/selectors';
import { detailPageName, searchPageName } from './stored-names';

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
      return { outcome: 'found' as const, company: await readDetail(page, code), pages };
    }, page);
  }

  /** The document a navigation received (not what scripts made of it), with the stylesheets it links. */
  private async keep(name: string, response: Response | null): Promise<StoredPage[]> {
    if (!response) return [];
    const answer = await answerOf(response);
    return [await this.store.keep(name, answer, HtmlDocument.of(answer))];
  }
}

/** The detail page loaded in `page`: 基本信息 and 变更记录 (tab clicked), checked against the stated total. */
async function readDetail(page: Page, code: string): Promise<RegistryCompanyRecord> {
  const detail = new DetailPage(page);
  const base = parseBaseInfo(await detail.baseInfo());
  if (!base.ok) throw new LayoutError('#base-info', page.url(), base.problem);
  if (normaliseCode(base.value.uscc) !== code) throw new LayoutError('#base-info', page.url(), `detail page shows ${base.value.uscc}, not ${code}`);
  const table = await detail.changes();
  const changes = parseChanges(table.headers, table.rows);
  if (!changes.ok) throw new LayoutError('#change-list', page.url(), changes.problem);
  if (changes.value.length !== table.stated) throw new PortalError(`变更记录 of ${code}: ${changes.value.length} rows, page states ${table.stated}`);
  return { ...base.value, changes: changes.value };
}
