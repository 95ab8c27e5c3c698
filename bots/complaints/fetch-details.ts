import type { Page } from 'playwright-core';
import type { Fetched } from '../core-banking/fetch-grid';

/**
 * Reads detail pages without navigating: the page's own `fetch` (same session cookie) and
 * `DOMParser`, at most `parallel` requests at a time (what the portal is asked to bear is what
 * `parallel` pages would ask), all of them in one round trip to the browser. Each page comes back as
 * its [label, value] rows, read as `ComplaintDetailPage.rows` reads a rendered page.
 *
 * A fast path only: anything but a 200 with the detail table (an error status, a redirect — not
 * followed, so a login page never replaces the session cookie unseen —, the login page, a busy
 * page) is `{ ok: false }`, and the caller opens that page by navigating, where `ctx.goto`
 * classifies the answer and a LayoutError gets its screenshot.
 */
export async function fetchDetailRows(page: Page, urls: string[], table: string, parallel: number): Promise<Fetched<[string, string][]>[]> {
  return page.evaluate(
    async ({ urls, table, parallel }) => {
      const out: Fetched<[string, string][]>[] = new Array(urls.length);
      let next = 0;
      // A small pool: `parallel` loops taking the next URL until none is left.
      await Promise.all(
        Array.from({ length: Math.min(parallel, urls.length) }, async () => {
          while (next < urls.length) {
            const i = next++;
            try {
              const res = await fetch(urls[i]!, { credentials: 'same-origin', redirect: 'manual', headers: { Accept: 'text/html' } });
              if (res.status !== 200) {
                out[i] = { ok: false, why: res.type === 'opaqueredirect' ? 'redirected' : `HTTP ${res.status}` };
                continue;
              }
              const charset = /charset=([^;]+)/i.exec(res.headers.get('content-type') ?? '')?.[1]?.trim() ?? 'utf-8';
              const doc = new DOMParser().parseFromString(new TextDecoder(charset).decode(await res.arrayBuffer()), 'text/html');
              const rows = Array.from(doc.querySelectorAll(`${table} tr`), (tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('td')?.textContent ?? ''] as [string, string]);
              if (doc.querySelector('#login-form')) out[i] = { ok: false, why: 'login page' };
              else if (/系统繁忙|请稍后再试/.test(doc.title)) out[i] = { ok: false, why: `busy page (${doc.title})` };
              else if (rows.length === 0) out[i] = { ok: false, why: `no ${table}` };
              else out[i] = { ok: true, value: rows };
            } catch (err) {
              out[i] = { ok: false, why: String(err) };
            }
          }
        }),
      );
      return out;
    },
    { urls, table, parallel },
  );
}
