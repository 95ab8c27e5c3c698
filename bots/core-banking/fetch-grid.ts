import type { Page } from 'playwright-core';

/** What one grid page holds, read exactly as `GridPage` reads it from a rendered page. */
export interface GridContent {
  headers: string[];
  rows: string[][];
  pagerText: string;
}

/** A page read by fetch, or why it could not be (the caller then navigates to it instead). */
export type Fetched<T> = { ok: true; value: T } | { ok: false; why: string };

export interface GridSelectors {
  table: string;
  pager: string;
}

/**
 * Reads server-rendered grid pages without navigating: the page's own `fetch` (same session
 * cookie) and `DOMParser`, several pages in one round trip to the browser. No rendering, no
 * layout, no trace snapshot per page — for 47 pages of customers that is most of the cost.
 *
 * This is a fast path only. Anything but a plain 200 with the table and pager (an error status, a
 * redirect (not followed), the login page, a busy page, a missing table) comes back as `{ ok: false }`, and the
 * caller reads that page by navigating, where `ctx.goto` classifies it and a LayoutError gets
 * its screenshot. The page must be on the portal's origin (relative URLs, same cookies).
 */
export async function fetchGridPages(page: Page, urls: string[], sel: GridSelectors): Promise<Fetched<GridContent>[]> {
  return page.evaluate(
    async ({ urls, sel }) =>
      Promise.all(
        urls.map(async (url): Promise<Fetched<GridContent>> => {
          try {
            // Redirects are not followed: the login page a dropped session redirects to would set
            // its pre-login cookie unseen; the navigation that reads this page instead sees it.
            const res = await fetch(url, { credentials: 'same-origin', redirect: 'manual', headers: { Accept: 'text/html' } });
            if (res.status !== 200) return { ok: false, why: res.type === 'opaqueredirect' ? 'redirected' : `HTTP ${res.status}` };
            // Decoded with the charset the portal declares (old bank systems serve GBK pages).
            const charset = /charset=([^;]+)/i.exec(res.headers.get('content-type') ?? '')?.[1]?.trim() ?? 'utf-8';
            const html = new TextDecoder(charset).decode(await res.arrayBuffer());
            const doc = new DOMParser().parseFromString(html, 'text/html');
            if (doc.querySelector('#login-form')) return { ok: false, why: 'login page' };
            if (/系统繁忙|请稍后再试/.test(doc.title)) return { ok: false, why: `busy page (${doc.title})` };
            const table = doc.querySelector(sel.table);
            const pager = doc.querySelector(sel.pager);
            if (!table || !pager) return { ok: false, why: `no ${table ? sel.pager : sel.table}` };
            return {
              ok: true,
              value: {
                headers: Array.from(table.querySelectorAll('thead th'), (th) => th.textContent ?? ''),
                rows: Array.from(table.querySelectorAll('tbody tr'), (tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')),
                pagerText: pager.textContent ?? '',
              },
            };
          } catch (err) {
            return { ok: false, why: String(err) };
          }
        }),
      ),
    { urls, sel },
  );
}

/** Whether `page` shows a document of the portal's origin, so relative fetches go to the portal with its cookie. */
export function onOrigin(page: Page, baseUrl: string): boolean {
  try {
    return new URL(page.url()).origin === new URL(baseUrl).origin;
  } catch {
    return false;
  }
}
