// A lookup read from documents fetched over HTTP with the browser's session (the SDK's
// HttpReader): the search, then the detail page and the record tabs it lists (record-tabs.ts),
// with the same parse functions and checks as the rendered path. What a rendered page would have
// but the document lacks (a portal that builds its pages with JavaScript, or a changed layout) is
// not decided here: the lookup is handed to the navigation path, which renders the page and
// raises LayoutError with real evidence if the page is still wrong. Every page read for the
// lookup (detail page first, then each tab page) is kept byte for byte (PageStore), written in
// the background: LookupStrategy.written waits for them before the record is handed on.

import type { RegistryCompanyRecord, StoredPage } from '../records';
import type { HttpReader, ReadPage } from '../sdk/readers';
import type { PageStore } from '../sdk/stored-pages';
import { detailContent, searchContent, tabContent, tabLink } from './documents';
import { normaliseCode, parseBaseInfo, pickResult } from './parse';
import type { RecordTab } from './pages/selectors';
import { readRecordTabs } from './record-tabs';
import { SearchPage } from './pages/search.page';
import { detailPageName, searchPageName, tabPageName } from './stored-names';

export type NeedsRendering = { outcome: 'needsRendering'; reason: string };

export type FetchedLookup =
  | { outcome: 'notFound'; pages: StoredPage[] }
  | { outcome: 'found'; company: RegistryCompanyRecord; pages: StoredPage[] }
  /** The documents lack what a rendered page would show: read this lookup by navigation. */
  | NeedsRendering;

export type FetchedSearch = { outcome: 'notFound'; pages: StoredPage[] } | NeedsRendering | { outcome: 'detail'; detailUrl: string };

/**
 * Runs one read as its own retried step (the bot's `ctx.step`): a 429 or busy answer on a record
 * tab's page retries that page, not the detail page the lookup already holds.
 */
export type RetriedRead = <T>(name: string, read: () => Promise<T>) => Promise<T>;
const once: RetriedRead = (_name, read) => read();

/** Written while the lookup goes on: the bot waits for its pages before the record leaves (company.bot.ts). */
const keep = async (store: PageStore, name: string, read: ReadPage): Promise<StoredPage[]> => [await store.keepInBackground(name, read.answer, read.doc)];

/** The search page: the detail page's URL, "not found" (its page kept), or a document that needs rendering. */
export async function fetchSearch(reader: HttpReader, store: PageStore, code: string): Promise<FetchedSearch> {
  const read = await reader.read(SearchPage.url(code));
  const search = searchContent(read.doc);
  if (search.noResult) return { outcome: 'notFound', pages: await keep(store, searchPageName(code), read) };
  if (!search.hasList) return { outcome: 'needsRendering', reason: 'search page has neither #no-result nor #result-list' };
  const href = pickResult(search.rows, code);
  if (!href) return { outcome: 'notFound', pages: await keep(store, searchPageName(code), read) };
  return { outcome: 'detail', detailUrl: new URL(href, read.doc.url).toString() };
}

/**
 * The detail page and its record tabs: the company (基本信息, 变更记录 and the list tabs, checked
 * against their stated totals) and every page read for it, detail page first; or why it needs rendering.
 */
export async function fetchDetail(reader: HttpReader, store: PageStore, code: string, detailUrl: string, retried: RetriedRead = once): Promise<FetchedLookup> {
  const read = await reader.read(detailUrl);
  const { doc } = read;
  const detail = detailContent(doc);
  // A 404 with "未查询到" is the registry's answer for a company gone between search and detail.
  if (detail.noResult) return { outcome: 'notFound', pages: await keep(store, detailPageName(code), read) };
  if (doc.status >= 400) return { outcome: 'needsRendering', reason: `detail page answered ${doc.status}` };
  const base = parseBaseInfo(detail.basePairs);
  if (!base.ok) return { outcome: 'needsRendering', reason: `detail page: ${base.problem}` };
  // Empty cells (filled by a script) or another company: let the rendered page decide.
  if (normaliseCode(base.value.uscc) !== code) return { outcome: 'needsRendering', reason: `detail page shows ${JSON.stringify(base.value.uscc)}, not ${code}` };
  const pages = await keep(store, detailPageName(code), read);
  const readPage = async (tab: RecordTab, url: string, pageNo: number) => {
    const tabRead = await retried(`lookup ${code} ${tab} page ${pageNo}`, () => reader.read(url));
    pages.push(...(await keep(store, tabPageName(code, tab, pageNo), tabRead)));
    return tabContent(tabRead.doc, tab);
  };
  const tabs = await readRecordTabs(code, { changes: tabContent(doc, 'changes'), abnormal: tabLink(doc, 'abnormal'), violations: tabLink(doc, 'violations') }, readPage);
  if (!tabs.ok) return { outcome: 'needsRendering', reason: `detail page: ${tabs.problem}` };
  return { outcome: 'found', company: { ...base.value, ...tabs.value }, pages };
}
