// The in-page reader: pages fetched by the logged-in page's own `fetch` (same session cookie, no
// navigation, no rendering, several pages per round trip to the browser), their bytes handed to
// Node and read there like any other answer (HtmlDocument, classified by the portal's login form
// and busy text). For server-rendered screens read by the dozen: core banking's grid pages,
// complaint detail pages.

import type { Page } from 'playwright-core';
import { classifyDocument, type PortalPages } from '../classify-answer';
import { HtmlDocument } from './html-document';
import type { PageAnswer } from './page-answer';

/** A page read, or why it could not be (the caller then reads it by navigating, where `ctx.goto` raises `error`). */
export type Fetched<T> = { ok: true; value: T } | { ok: false; why: string; error?: Error };

/** An answer as it crosses from the browser: the bytes in base64, the time added on this side. */
type RawAnswer = Omit<PageAnswer, 'bytes' | 'fetchedAt'> & { base64: string };

/**
 * Fetches `urls` inside `page`, at most `parallel` at a time (what the portal is asked to bear is
 * what `parallel` pages would ask), all in one round trip. Redirects are not followed: the login
 * page a dropped session redirects to would set its pre-login cookie unseen; the navigation that
 * reads such a page instead sees and classifies it. The page must be on the portal's origin.
 */
export async function fetchInPage(page: Page, urls: string[], parallel = urls.length): Promise<Fetched<PageAnswer>[]> {
  const raw = await page.evaluate(
    async ({ urls, parallel }) => {
      const out: ({ ok: true; value: RawAnswer } | { ok: false; why: string })[] = new Array(urls.length);
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.max(1, Math.min(parallel, urls.length)) }, async () => {
          while (next < urls.length) {
            const i = next++;
            try {
              const res = await fetch(urls[i]!, { credentials: 'same-origin', redirect: 'manual', headers: { Accept: 'text/html' } });
              if (res.type === 'opaqueredirect') {
                out[i] = { ok: false, why: 'redirected' };
                continue;
              }
              // Base64 by chunks (no helper function: code sent to the browser must not be renamed by a loader).
              const bytes = new Uint8Array(await res.arrayBuffer());
              let binary = '';
              for (let k = 0; k < bytes.length; k += 0x8000) binary += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
              out[i] = { ok: true, value: { url: res.url, status: res.status, contentType: res.headers.get('content-type'), retryAfter: res.headers.get('retry-after'), base64: btoa(binary) } };
            } catch (err) {
              out[i] = { ok: false, why: String(err) };
            }
          }
        }),
      );
      return out;
    },
    { urls, parallel },
  );
  const fetchedAt = new Date().toISOString();
  return raw.map((r): Fetched<PageAnswer> => {
    if (!r.ok) return r;
    const { base64, ...answer } = r.value;
    return { ok: true, value: { ...answer, bytes: new Uint8Array(Buffer.from(base64, 'base64')), fetchedAt } };
  });
}

/**
 * `fetchInPage`, each answer parsed and classified as `ctx.goto` classifies a navigation: a 5xx,
 * 429, 401, the portal's login page or busy page is `{ ok: false }` with the error a navigation
 * would raise; only a 200 is content.
 *
 * @example
 * const docs = await readInPage(portal, page, ['/list?page=2', '/list?page=3'], 4);
 * for (const d of docs) if (d.ok) rows.push(...d.value.all('table#txn tbody tr'));
 */
export async function readInPage(portal: PortalPages, page: Page, urls: string[], parallel?: number): Promise<Fetched<HtmlDocument>[]> {
  const answers = await fetchInPage(page, urls, parallel);
  return answers.map((a): Fetched<HtmlDocument> => {
    if (!a.ok) return a;
    const doc = HtmlDocument.of(a.value);
    try {
      classifyDocument(portal, doc, a.value.retryAfter);
    } catch (err) {
      return { ok: false, why: (err as Error).message, error: err as Error };
    }
    return a.value.status === 200 ? { ok: true, value: doc } : { ok: false, why: `HTTP ${a.value.status}` };
  });
}

/** Whether `page` shows a document of the portal's origin, so relative fetches go to the portal with its cookie. */
export function onOrigin(page: Page, baseUrl: string): boolean {
  try {
    return new URL(page.url()).origin === new URL(baseUrl).origin;
  } catch {
    return false;
  }
}
