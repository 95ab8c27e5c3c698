// What the bot reads from a registry page fetched without rendering (an HtmlDocument), picked out
// by the same selectors as the page objects read the rendered page (pages/selectors.ts).
//
// Example:
//   const { doc } = await reader.read(SearchPage.url(code));
//   searchContent(doc).rows   // [{ code, href }]

import { textOf, type HtmlDocument } from '../sdk/readers';
import { recordTabSelectors, SELECTORS as sel, type RecordTab } from './pages/selectors';
import type { TabPageContent } from './record-tabs';

export interface SearchContent {
  /** "未查询到": no company for the keyword. */
  noResult: boolean;
  hasList: boolean;
  rows: { code: string; href: string }[];
}

export interface DetailContent {
  /** "未查询到" on the detail page: the company vanished between search and detail. */
  noResult: boolean;
  basePairs: [string, string][];
  hasChangesPanel: boolean;
  headers: string[];
  rows: string[][];
  /** Text of the "共 N 条" line under 变更记录, null when absent. */
  summary: string | null;
}

export function searchContent(doc: HtmlDocument): SearchContent {
  return {
    noResult: doc.has(sel.noResult),
    hasList: doc.has(sel.resultList),
    rows: doc.all(sel.resultRows).map((tr) => ({ code: textOf(tr.querySelector(sel.resultCode)), href: tr.querySelector(sel.resultLink)?.getAttribute('href') ?? '' })),
  };
}

export function detailContent(doc: HtmlDocument): DetailContent {
  const summary = doc.one(sel.changeSummary);
  return {
    noResult: doc.has(sel.noResult),
    basePairs: doc.all(sel.baseRows).map((tr) => [textOf(tr.querySelector('th')), textOf(tr.querySelector('td'))]),
    hasChangesPanel: doc.has(sel.changesPanel),
    headers: doc.all(sel.changeHeaders).map((th) => textOf(th)),
    rows: doc.all(sel.changeRows).map((tr) => tr.querySelectorAll('td').map((td) => textOf(td))),
    summary: summary ? textOf(summary) : null,
  };
}

/** One page of a record tab as a document shows it (the detail page for 变更记录's first page). */
export function tabContent(doc: HtmlDocument, tab: RecordTab): TabPageContent {
  const t = recordTabSelectors(tab);
  const summary = doc.one(t.summary);
  const next = doc.one(t.next)?.getAttribute('href');
  return {
    hasPanel: doc.has(t.panel),
    headers: doc.all(t.headers).map((th) => textOf(th)),
    rows: doc.all(t.rows).map((tr) => tr.querySelectorAll('td').map((td) => textOf(td))),
    summary: summary ? textOf(summary) : null,
    next: next ? new URL(next, doc.url).toString() : null,
  };
}

/** A record tab's link in the detail page's tab bar: its URL and the count its label states (null: no such tab). */
export function tabLink(doc: HtmlDocument, tab: RecordTab): { href: string; countText: string } | null {
  const t = recordTabSelectors(tab);
  const link = doc.one(t.link);
  if (!link) return null;
  return { href: new URL(link.getAttribute('href') ?? '', doc.url).toString(), countText: textOf(doc.one(t.count) ?? link) };
}
