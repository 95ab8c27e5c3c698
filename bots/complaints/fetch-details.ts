import type { Page } from 'playwright-core';
import { readOverHttp } from '../sdk/read-over-http';
import { textOf, type Fetched } from '../sdk/readers';
import { complaintsPortal } from './portal';

/**
 * Reads detail pages without navigating: over HTTP with the browser's session from Node (the
 * SDK's `readOverHttp`), at most `parallel` requests at a time (what the portal is asked to bear is
 * what `parallel` pages would ask), each parsed in Node and classified by the portal's login form
 * and busy text; the browser does nothing per page. Each page comes back as its
 * [label, value] rows, read as `ComplaintDetailPage.rows` reads a rendered page.
 *
 * A fast path only: anything but a 200 with the detail table (an error status, a redirect, the
 * login page, a busy page) is `{ ok: false }`, and the caller opens that page by navigating, where
 * `ctx.goto` raises the same error and a LayoutError gets its screenshot.
 */
export async function fetchDetailRows(page: Page, urls: string[], table: string, parallel: number): Promise<Fetched<[string, string][]>[]> {
  const docs = await readOverHttp(complaintsPortal, page, urls, parallel);
  return docs.map((d): Fetched<[string, string][]> => {
    if (!d.ok) return d;
    const rows = d.value.all(`${table} tr`).map((tr): [string, string] => [textOf(tr.querySelector('th')), textOf(tr.querySelector('td'))]);
    return rows.length === 0 ? { ok: false, why: `no ${table}` } : { ok: true, value: rows };
  });
}
