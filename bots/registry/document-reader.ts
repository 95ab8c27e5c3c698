// Reads a registry page without rendering it: the page's own `fetch` (same cookies, session and
// headers as the browser's navigations) inside a logged-in page, the answer parsed with the
// browser's DOMParser, and only the elements the bot needs sent back to Node. No layout, no
// paint, no subresources, and many reads in flight on one page.
//
// Example:
//   const doc = await readDocument(page, '/search?keyword=9131…', 'search');
//   doc.status, doc.title, doc.search?.rows

import type { Page } from 'playwright-core';
import { PortalError } from '../sdk';
import { SELECTORS, type RegistrySelectors } from './pages/selectors';

export type DocumentKind = 'search' | 'detail';

export interface FetchedDocument {
  /** The URL that answered (after redirects). */
  url: string;
  status: number;
  retryAfter: string | null;
  title: string;
  /** The login form (or a redirect to /login) instead of content. */
  loginShown: boolean;
  noResult: boolean;
  search?: { hasList: boolean; rows: { code: string; href: string }[] };
  detail?: {
    basePairs: [string, string][];
    hasChangesPanel: boolean;
    headers: string[];
    rows: string[][];
    /** Text of the "共 N 条" line under 变更记录, null when absent. */
    summary: string | null;
  };
}

/** How long one fetch may take before it counts as a portal fault (retried like a navigation timeout). */
const FETCH_TIMEOUT_MS = 30_000;

/**
 * Runs in the page: fetch, decode (charset from the header or the document's meta), parse, pick.
 * Serialised into the page, so no named inner functions: tsx's esbuild would wrap them in a
 * `__name` helper that does not exist there.
 */
async function readInPage(args: { url: string; kind: DocumentKind; sel: RegistrySelectors; timeoutMs: number }): Promise<FetchedDocument> {
  const { sel } = args;
  const res = await fetch(args.url, { credentials: 'same-origin', redirect: 'follow', signal: AbortSignal.timeout(args.timeoutMs) });
  const bytes = await res.arrayBuffer();
  // Older portals answer in GBK: decode as the browser would, not as UTF-8 regardless.
  let charset = /charset=["']?([\w-]+)/i.exec(res.headers.get('content-type') ?? '')?.[1];
  if (!charset) charset = /<meta[^>]+charset=["']?([\w-]+)/i.exec(new TextDecoder('latin1').decode(bytes.slice(0, 2048)))?.[1];
  let text: string;
  try {
    text = new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    text = new TextDecoder('utf-8').decode(bytes);
  }
  const doc = new DOMParser().parseFromString(text, 'text/html');
  const out: FetchedDocument = {
    url: res.url,
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    title: doc.title,
    loginShown: doc.querySelector(sel.loginForm) !== null || new URL(res.url).pathname === '/login',
    noResult: doc.querySelector(sel.noResult) !== null,
  };
  if (args.kind === 'search') {
    out.search = {
      hasList: doc.querySelector(sel.resultList) !== null,
      rows: Array.from(doc.querySelectorAll(sel.resultRows), (tr) => ({ code: tr.querySelector(sel.resultCode)?.textContent ?? '', href: tr.querySelector(sel.resultLink)?.getAttribute('href') ?? '' })),
    };
  } else {
    const summary = doc.querySelector(sel.changeSummary);
    out.detail = {
      basePairs: Array.from(doc.querySelectorAll(sel.baseRows), (tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('td')?.textContent ?? ''] as [string, string]),
      hasChangesPanel: doc.querySelector(sel.changesPanel) !== null,
      headers: Array.from(doc.querySelectorAll(sel.changeHeaders), (th) => th.textContent ?? ''),
      rows: Array.from(doc.querySelectorAll(sel.changeRows), (tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')),
      summary: summary ? (summary.textContent ?? '') : null,
    };
  }
  return out;
}

/**
 * Fetches `url` (relative to the page's origin) inside `page` and returns what the bot reads from
 * it. A network failure or timeout is a PortalError (retried by `ctx.step`); the status, the login
 * form and the title are classified by the caller, as `ctx.goto` classifies a navigation.
 */
export async function readDocument(page: Page, url: string, kind: DocumentKind): Promise<FetchedDocument> {
  try {
    return await page.evaluate(readInPage, { url, kind, sel: SELECTORS, timeoutMs: FETCH_TIMEOUT_MS });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // "Failed to fetch" (connection refused/reset), the timeout, or the page gone under us.
    if (/Failed to fetch|NetworkError|TimeoutError|signal timed out|aborted|Execution context was destroyed|Target .*closed/i.test(message)) {
      throw new PortalError(`fetch ${url} failed: ${message.split('\n')[0]}`);
    }
    throw err;
  }
}
