// A lookup read from documents fetched over HTTP with the browser's session (the SDK's
// HttpReader): the search, then the detail page, with the same parse functions and checks as the
// rendered path. What a rendered page would have but the document lacks (a portal that builds its
// pages with JavaScript, or a changed layout) is not decided here: the lookup is handed to the
// navigation path, which renders the page and raises LayoutError with real evidence if the page
// is still wrong. The page that answers the lookup is kept byte for byte (PageStore).

import type { RegistryCompanyRecord, StoredPage } from '../records';
import { PortalError } from '../sdk';
import type { HttpReader, ReadPage } from '../sdk/readers';
import { parseStatedTotal } from '../sdk/stated-total';
import type { PageStore } from '../sdk/stored-pages';
import { detailContent, searchContent } from './documents';
import { normaliseCode, parseBaseInfo, parseChanges, pickResult } from './parse';
import { SearchPage } from './pages/search.page';
import { detailPageName, searchPageName } from './stored-names';

export type NeedsRendering = { outcome: 'needsRendering'; reason: string };

export type FetchedLookup =
  | { outcome: 'notFound'; pages: StoredPage[] }
  | { outcome: 'found'; company: RegistryCompanyRecord; pages: StoredPage[] }
  /** The documents lack what a rendered page would show: read this lookup by navigation. */
  | NeedsRendering;

export type FetchedSearch = { outcome: 'notFound'; pages: StoredPage[] } | NeedsRendering | { outcome: 'detail'; detailUrl: string };

const keep = async (store: PageStore, name: string, read: ReadPage): Promise<StoredPage[]> => [await store.keep(name, read.answer, read.doc)];

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

/** The detail page: the company (基本信息 + 变更记录, checked against the stated total) and its page, or why it needs rendering. */
export async function fetchDetail(reader: HttpReader, store: PageStore, code: string, detailUrl: string): Promise<FetchedLookup> {
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
  const stated = detail.summary === null ? undefined : parseStatedTotal(detail.summary);
  if (!detail.hasChangesPanel || stated === undefined) return { outcome: 'needsRendering', reason: 'detail page has no 变更记录 panel with its "共 N 条"' };
  const changes = parseChanges(detail.headers, detail.rows);
  if (!changes.ok) return { outcome: 'needsRendering', reason: `detail page: ${changes.problem}` };
  if (changes.value.length !== stated) throw new PortalError(`变更记录 of ${code}: ${changes.value.length} rows, page states ${stated}`);
  return { outcome: 'found', company: { ...base.value, changes: changes.value }, pages: await keep(store, detailPageName(code), read) };
}
