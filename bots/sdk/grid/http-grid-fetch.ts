import type { BrowserContext, Page } from 'playwright-core';
import type { PortalPages } from '../classify-answer';
import type { HtmlDocument } from '../readers/html-document';
import { textOf } from '../readers/html-document';
import { HttpReader } from '../readers/http-reader';
import type { FetchedGrid, GridFetch } from './grid-content';
import type { GridSelectors } from './grid-page';

/** Pages read at once: what the in-page reader asked of a portal before (4 per round trip). */
const DEFAULT_PARALLEL = 4;

/**
 * One reader per browser context (one context per job): its cookie jar is read from the browser
 * once, not per page. A context that logs in again serves a login page to the old jar once; the
 * reader then forgets it (HttpReader.read) and the next page carries the new session.
 */
const readers = new WeakMap<BrowserContext, Promise<HttpReader>>();

function readerFor(page: Page, portal: PortalPages): Promise<HttpReader> {
  const context = page.context();
  let reader = readers.get(context);
  if (!reader) {
    reader = HttpReader.open(page, { portal, baseUrl: new URL(page.url()).origin });
    readers.set(context, reader);
    reader.catch(() => readers.delete(context));
  }
  return reader;
}

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
 * A GridFetch over HTTP with the browser's session (readers/http-reader.ts): pages fetched from
 * Node, `parallel` at a time, parsed here. The browser does nothing per page — no fetch, no
 * base64 of the HTML across DevTools, no trace of it — which on 1,600 pages of customers was most
 * of the extraction's time (docs/benchmarks.md §3). A fast path like every GridFetch: an error
 * status, the login or busy page, a missing table come back `{ ok: false }` and the grid reader
 * navigates there, where `ctx.goto` raises the error and a LayoutError gets its screenshot.
 *
 * @example
 * yield* readGrid(ctx, { columns, pageSize, open, url, fetch: gridFetchOverHttp(ctx.portal) });
 */
export function gridFetchOverHttp(portal: PortalPages, parallel = DEFAULT_PARALLEL): GridFetch {
  return async (page, urls, sel) => {
    const reader = await readerFor(page, portal);
    const out: FetchedGrid[] = new Array(urls.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < urls.length) {
        const i = next++;
        out[i] = await readOne(reader, urls[i]!, sel);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, urls.length)) }, worker));
    return out;
  };
}

async function readOne(reader: HttpReader, url: string, sel: GridSelectors): Promise<FetchedGrid> {
  try {
    const { doc } = await reader.read(url);
    // Classified already (5xx, 429, 401, login, busy raise); anything else but a 200 is not a grid page.
    return doc.status === 200 ? gridContentOf(doc, sel) : { ok: false, why: `HTTP ${doc.status}` };
  } catch (err) {
    return { ok: false, why: (err as Error).message, error: err as Error };
  }
}
