// What the bot reads from a registry page fetched without rendering (an HtmlDocument), picked out
// by the same selectors as the page objects read the rendered page (pages/selectors.ts).
//
// Example:
//   const { doc } = await reader.read(SearchPage.url(code));
//   searchContent(doc).rows   // [{ code, href }]

import { textOf, type HtmlDocument } from '../sdk/readers';
import { SELECTORS as sel } from './pages/selectors';

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
