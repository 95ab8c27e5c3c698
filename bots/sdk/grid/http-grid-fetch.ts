import type { HtmlDocument } from '../readers/html-document';
import { textOf } from '../readers/html-document';
import type { PortalPages } from '../classify-answer';
import { readOverHttp } from '../read-over-http';
import type { FetchedGrid, GridFetch } from './grid-content';
import type { GridSelectors } from './grid-page';

/** Pages read at once: what the in-page reader asked of a portal before (4 per round trip). */
const DEFAULT_PARALLEL = 4;

/** The grid on a page read without rendering, or why not (the grid reader then navigates there). */
export function gridContentOf(doc: HtmlDocument, sel: GridSelectors): FetchedGrid {
  const table = doc.one(sel.table);
  const pager = doc.one(sel.pager);
  if (!table || !pager) return { ok: false, why: `no ${table ? sel.pager : sel.table}` };
  return {
    ok: true,
    value: {
      headers: table.querySelectorAll('thead th').map((th) => textOf(th)),
      rows: table.querySelectorAll('tbody tr').map((tr) => tr.querySelectorAll('td').map((td) => textOf(td))),
      pagerText: textOf(pager),
    },
  };
}

/**
 * A GridFetch over HTTP with the browser's session (`readOverHttp`): pages fetched from Node,
 * `parallel` at a time, parsed here. The browser does nothing per page — no fetch, no base64 of
 * the HTML across DevTools, no trace of it — which on 1,600 pages of customers was most of the
 * extraction's time (docs/benchmarks.md §3). A fast path like every GridFetch: an error status,
 * the login or busy page, a missing table come back `{ ok: false }` and the grid reader navigates
 * there, where `ctx.goto` raises the error and a LayoutError gets its screenshot.
 *
 * @example
 * yield* readGrid(ctx, { columns, pageSize, open, url, fetch: gridFetchOverHttp(devicesPortal) });
 */
export function gridFetchOverHttp(portal: PortalPages, parallel = DEFAULT_PARALLEL): GridFetch {
  return async (page, urls, sel) => (await readOverHttp(portal, page, urls, parallel)).map((d) => (d.ok ? gridContentOf(d.value, sel) : d));
}
