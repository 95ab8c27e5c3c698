import type { Page } from 'playwright-core';
import type { FetchedGrid, GridSelectors } from '../sdk';
import { readInPage, textOf } from '../sdk/readers';
import { coreBankingPortal } from './portal';

export { onOrigin } from '../sdk/readers';

/**
 * Reads server-rendered grid pages without navigating: the SDK's in-page reader (the page's own
 * `fetch`, same session cookie, several pages in one round trip), each page parsed in Node and
 * classified by core banking's login form and busy text. No rendering, no layout, no trace
 * snapshot per page — for 47 pages of customers that is most of the cost.
 *
 * A fast path only: anything but a 200 with the table and pager (an error status, a redirect, the
 * login page, a busy page, a missing table) comes back as `{ ok: false }`, and the grid reader
 * navigates there, where `ctx.goto` raises the same error and a LayoutError gets its screenshot.
 */
export async function fetchGridPages(page: Page, urls: string[], sel: GridSelectors): Promise<FetchedGrid[]> {
  const docs = await readInPage(coreBankingPortal, page, urls);
  return docs.map((d): FetchedGrid => {
    if (!d.ok) return { ok: false, why: d.why };
    const table = d.value.one(sel.table);
    const pager = d.value.one(sel.pager);
    if (!table || !pager) return { ok: false, why: `no ${table ? sel.pager : sel.table}` };
    return {
      ok: true,
      value: {
        headers: table.querySelectorAll('thead th').map((th) => textOf(th)),
        rows: table.querySelectorAll('tbody tr').map((tr) => tr.querySelectorAll('td').map((td) => textOf(td))),
        pagerText: textOf(pager),
      },
    };
  });
}
