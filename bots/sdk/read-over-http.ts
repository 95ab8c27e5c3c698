import type { BrowserContext, Page } from 'playwright-core';
import type { PortalPages } from './classify-answer';
import type { HtmlDocument } from './readers/html-document';
import { HttpReader } from './readers/http-reader';
import type { Fetched } from './readers/in-page-fetch';

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

/**
 * `readInPage`'s counterpart over HTTP with the browser's session (readers/http-reader.ts):
 * `urls` read from Node, `parallel` at a time, each parsed and classified as `ctx.goto` classifies
 * a navigation. The browser does nothing per page — no fetch, no HTML across DevTools, nothing in
 * the step's trace. A 5xx, 429, 401, the login or busy page, a network failure is `{ ok: false }`
 * with the error a navigation would raise; only a 200 is content. `page` must show the portal.
 *
 * @example
 * const docs = await readOverHttp(portal, page, ['/list?page=2', '/list?page=3'], 4);
 */
export async function readOverHttp(portal: PortalPages, page: Page, urls: string[], parallel: number): Promise<Fetched<HtmlDocument>[]> {
  const reader = await readerFor(page, portal);
  const out: Fetched<HtmlDocument>[] = new Array(urls.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < urls.length) {
      const i = next++;
      out[i] = await readOne(reader, urls[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, urls.length)) }, worker));
  return out;
}

async function readOne(reader: HttpReader, url: string): Promise<Fetched<HtmlDocument>> {
  try {
    const { doc } = await reader.read(url);
    // Classified already (5xx, 429, 401, login, busy raise); anything else but a 200 is not content.
    return doc.status === 200 ? { ok: true, value: doc } : { ok: false, why: `HTTP ${doc.status}` };
  } catch (err) {
    return { ok: false, why: (err as Error).message, error: err as Error };
  }
}
