// Reads a registry page without rendering it: fetched from Node with the browser's session
// (session-http.ts), decoded as the browser would, parsed with node-html-parser, and only the
// elements the bot needs picked out, by the same selectors as the page objects. No layout, no
// paint, no subresources, no DevTools round trip: the browser logs in and renders evidence.
//
// Example:
//   const doc = await readDocument(http, 'https://registry/search?keyword=9131…', 'search');
//   doc.status, doc.title, doc.search?.rows

import { parse, type HTMLElement } from 'node-html-parser';
import { PortalError } from '../sdk';
import { SELECTORS as sel } from './pages/selectors';
import type { HttpAnswer, SessionHttp } from './session-http';

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

/** How long one read may take before it counts as a portal fault (retried like a navigation timeout). */
const FETCH_TIMEOUT_MS = 30_000;

/** Older portals answer in GBK: the charset from the header, else the document's meta, else UTF-8. */
function decodeHtml(bytes: Uint8Array, contentType: string | null): string {
  let charset = /charset=["']?([\w-]+)/iu.exec(contentType ?? '')?.[1];
  charset ??= /<meta[^>]+charset=["']?([\w-]+)/iu.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 2048)))?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

const text = (el: HTMLElement | null | undefined): string => el?.textContent ?? '';

/**
 * A selector that starts with `#id` is answered from that element (a plain walk of the tree),
 * the rest of it by css-select inside it: the same elements as a whole-document query, at a
 * fraction of the cost (css-select tried every element of the page for every selector, half of
 * a lookup's CPU in Node).
 */
function scoped(root: HTMLElement, selector: string): { scope: HTMLElement | null; rest: string } {
  const id = /^#([\w-]+)(?:\s+(.+))?$/u.exec(selector);
  return id ? { scope: root.getElementById(id[1]!), rest: id[2] ?? '' } : { scope: root, rest: selector };
}

function selectOne(root: HTMLElement, selector: string): HTMLElement | null {
  const { scope, rest } = scoped(root, selector);
  return scope && rest ? scope.querySelector(rest) : scope;
}

function selectAll(root: HTMLElement, selector: string): HTMLElement[] {
  const { scope, rest } = scoped(root, selector);
  if (!scope) return [];
  return rest ? scope.querySelectorAll(rest) : [scope];
}

const isLoginAnswer = (url: string, root: HTMLElement): boolean => selectOne(root, sel.loginForm) !== null || new URL(url).pathname === '/login';

/** What the bot reads from one answer, the way the page objects read the rendered page. */
export function readAnswer(answer: Pick<HttpAnswer, 'url' | 'status' | 'bytes'> & { headers: Pick<Headers, 'get'> }, kind: DocumentKind): FetchedDocument {
  const root = parse(decodeHtml(answer.bytes, answer.headers.get('content-type')));
  const doc: FetchedDocument = {
    url: answer.url,
    status: answer.status,
    retryAfter: answer.headers.get('retry-after'),
    title: text(root.getElementsByTagName('title')[0]).trim(),
    loginShown: isLoginAnswer(answer.url, root),
    noResult: selectOne(root, sel.noResult) !== null,
  };
  if (kind === 'search') {
    doc.search = {
      hasList: selectOne(root, sel.resultList) !== null,
      rows: selectAll(root, sel.resultRows).map((tr) => ({ code: text(tr.querySelector(sel.resultCode)), href: tr.querySelector(sel.resultLink)?.getAttribute('href') ?? '' })),
    };
  } else {
    const summary = selectOne(root, sel.changeSummary);
    doc.detail = {
      basePairs: selectAll(root, sel.baseRows).map((tr) => [text(tr.querySelector('th')), text(tr.querySelector('td'))]),
      hasChangesPanel: selectOne(root, sel.changesPanel) !== null,
      headers: selectAll(root, sel.changeHeaders).map((th) => text(th)),
      rows: selectAll(root, sel.changeRows).map((tr) => tr.querySelectorAll('td').map((td) => text(td))),
      summary: summary ? text(summary) : null,
    };
  }
  return doc;
}

/**
 * Fetches `url` with the session of `http` and returns what the bot reads from it. A network
 * failure or timeout is a PortalError (retried by `ctx.step`); the status, the login form and the
 * title are classified by the caller, as `ctx.goto` classifies a navigation. A login answer makes
 * `http` read the browser's cookies again, so the retry after the re-login carries the new session;
 * cookies a content answer sets go to the browser.
 */
export async function readDocument(http: SessionHttp, url: string, kind: DocumentKind): Promise<FetchedDocument> {
  let answer: HttpAnswer;
  try {
    answer = await http.get(url, FETCH_TIMEOUT_MS);
  } catch (err) {
    const e = err as Error & { cause?: Error };
    // Connection refused/reset, the timeout, too many redirects: a portal fault like a failed navigation.
    throw new PortalError(`fetch ${url} failed: ${[e.message, e.cause?.message].filter(Boolean).join(': ')}`);
  }
  const doc = readAnswer(answer, kind);
  if (doc.loginShown) http.forget();
  else if (doc.status < 400) await http.adoptCookies(answer);
  return doc;
}
