// A lookup read from fetched documents (document-reader.ts): the search, then the detail page,
// with the same parse functions and checks as the rendered path. What a rendered page would have
// but the document lacks (a portal that builds its pages with JavaScript, or a changed layout) is
// not decided here: the lookup is handed to the navigation path, which renders the page and
// raises LayoutError with real evidence if the page is still wrong.

import { classifyContent, classifyStatus, PortalError } from '../sdk';
import type { RegistryCompanyRecord } from '../records';
import { parseStatedTotal } from '../sdk/stated-total';
import { readDocument, type DocumentKind, type FetchedDocument } from './document-reader';
import { normaliseCode, parseBaseInfo, parseChanges, pickResult } from './parse';
import { SearchPage } from './pages/search.page';
import type { SessionHttp } from './session-http';

export type FetchedLookup =
  | { outcome: 'notFound' }
  | { outcome: 'found'; company: RegistryCompanyRecord; detailUrl: string }
  /** The documents lack what a rendered page would show: read this lookup by navigation. */
  | { outcome: 'needsRendering'; reason: string };

/** Takes a slot of the shared pace before each request, and hears about 429s and successes. */
export interface Pace {
  take(): Promise<void>;
  answered(doc: FetchedDocument): void;
}

async function fetchClassified(http: SessionHttp, url: string, kind: DocumentKind, pace: Pace): Promise<FetchedDocument> {
  await pace.take();
  const doc = await readDocument(http, url, kind);
  pace.answered(doc);
  // The same errors ctx.goto raises, so ctx.step retries (429/5xx/busy) and logs in again (login page).
  classifyStatus(doc);
  classifyContent(doc.url, doc);
  return doc;
}

export type FetchedSearch = { outcome: 'notFound' } | { outcome: 'needsRendering'; reason: string } | { outcome: 'detail'; detailUrl: string };

/** The search page: the detail page's URL, "not found", or a document that needs rendering. */
export async function fetchSearch(http: SessionHttp, code: string, pace: Pace): Promise<FetchedSearch> {
  const search = await fetchClassified(http, SearchPage.url(code), 'search', pace);
  if (search.noResult) return { outcome: 'notFound' };
  if (!search.search?.hasList) return { outcome: 'needsRendering', reason: 'search page has neither #no-result nor #result-list' };
  const href = pickResult(search.search.rows, code);
  if (!href) return { outcome: 'notFound' };
  return { outcome: 'detail', detailUrl: new URL(href, search.url).toString() };
}

/** The detail page: the company (基本信息 + 变更记录, checked against the stated total), or why it needs rendering. */
export async function fetchDetail(http: SessionHttp, code: string, detailUrl: string, pace: Pace): Promise<FetchedLookup> {
  const doc = await fetchClassified(http, detailUrl, 'detail', pace);
  // A 404 with "未查询到" is the registry's answer for a company gone between search and detail.
  if (doc.noResult) return { outcome: 'notFound' };
  if (doc.status >= 400) return { outcome: 'needsRendering', reason: `detail page answered ${doc.status}` };
  const detail = doc.detail!;
  const base = parseBaseInfo(detail.basePairs);
  if (!base.ok) return { outcome: 'needsRendering', reason: `detail page: ${base.problem}` };
  // Empty cells (filled by a script) or another company: let the rendered page decide.
  if (normaliseCode(base.value.uscc) !== code) return { outcome: 'needsRendering', reason: `detail page shows ${JSON.stringify(base.value.uscc)}, not ${code}` };
  const stated = detail.summary === null ? undefined : parseStatedTotal(detail.summary);
  if (!detail.hasChangesPanel || stated === undefined) return { outcome: 'needsRendering', reason: 'detail page has no 变更记录 panel with its "共 N 条"' };
  const changes = parseChanges(detail.headers, detail.rows);
  if (!changes.ok) return { outcome: 'needsRendering', reason: `detail page: ${changes.problem}` };
  if (changes.value.length !== stated) throw new PortalError(`变更记录 of ${code}: ${changes.value.length} rows, page states ${stated}`);
  return { outcome: 'found', company: { ...base.value, changes: changes.value }, detailUrl };
}
