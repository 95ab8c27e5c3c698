// How each lookup is read. By default from documents fetched with the browser's session but
// without the browser (session-http.ts: no rendering, no DevTools round trip); by navigation when
// its screenshot is due anyway, when Node cannot reach the portal, or when the fetched documents
// lack what a rendered page shows. A flagged company's detail page is opened by navigation after the fetch,
// so its screenshot shows the page the record comes from.

import type { Page } from 'playwright-core';
import type { RegistryLookupResult } from '../records';
import { LayoutError, PortalError, type BotContext } from '../sdk';
import { readDocument, type FetchedDocument } from './document-reader';
import { fetchDetail, fetchSearch, type Pace } from './fetch-lookup';
import { NavigationLookup, type EvidencePolicy } from './navigation-lookup';
import { PagePool } from './page-pool';
import { SessionHttp } from './session-http';
import type { RequestPacer } from './request-pacer';

/** After this many lookups needed rendering without one read from documents, stop trying documents. */
const GIVE_UP_FETCH_AFTER = 3;

export class LookupStrategy {
  private reader: Promise<Reader> | undefined;
  private readonly navigation: NavigationLookup;
  private readonly pages: PagePool;
  private readonly pace: Pace;
  private fetched = 0;
  private rendered = 0;
  private fetchOff = false;
  private saidFallback = false;

  constructor(private readonly ctx: BotContext, private readonly pacer: RequestPacer, renderingPages: number, renderAll = false) {
    this.fetchOff = renderAll;
    this.navigation = new NavigationLookup(ctx, pacer);
    this.pages = new PagePool(ctx, renderingPages);
    this.pace = {
      take: () => pacer.take(ctx.signal),
      answered: (doc: FetchedDocument) => {
        if (doc.status === 429) pacer.throttled(retryAfterMs(doc.retryAfter));
        else pacer.succeeded();
      },
    };
  }

  async lookup(code: string, evidence: EvidencePolicy): Promise<RegistryLookupResult> {
    // A screenshot known to be due before the visit: render once, read and capture the same page.
    if (evidence.preload || this.fetchOff) return this.pages.use((wp) => this.navigation.lookup(wp, code, evidence));
    const reader = await this.openedReader();
    const http = reader.http;
    if (!http) return this.pages.use((wp) => this.navigation.lookup(wp, code, evidence));
    // Two steps, so a 429 or busy page on the detail page retries that request, not the search too.
    const search = await this.ctx.step(`lookup ${code}`, async () => fetchSearch(http, code, this.pace), reader.page);
    const read = search.outcome === 'detail'
      ? await this.ctx.step(`lookup ${code} detail`, async () => fetchDetail(http, code, search.detailUrl, this.pace), reader.page)
      : search;
    if (read.outcome === 'needsRendering') {
      this.noteFallback(code, read.reason);
      return this.pages.use((wp) => this.navigation.lookup(wp, code, evidence));
    }
    this.fetched++;
    if (read.outcome === 'notFound') return { uscc: code, outcome: 'notFound' };
    if (!evidence.after(read.company)) return { uscc: code, outcome: 'found', company: read.company };
    // Flagged: open the detail page for real; the record is the one that page shows (and the screenshot).
    try {
      return await this.pages.use((wp) => this.navigation.evidence(wp, code, read.detailUrl, read.company));
    } catch (err) {
      if (err instanceof LayoutError || this.ctx.signal.aborted) throw err;
      // The record was read; only its screenshot is missing (the job shows the account without a link).
      this.ctx.log.warn({ uscc: code, err: (err as Error).message }, 'registry evidence screenshot failed after retries; record kept without it');
      return { uscc: code, outcome: 'found', company: read.company };
    }
  }

  /**
   * The session documents are read with: a page of the bot's context that opened the portal (so
   * it is logged in), and HTTP with that context's cookies (null when Node cannot reach the
   * portal the browser reached). The page stays open for ctx.step (a layout error's evidence is
   * taken on it); reads do not go through it.
   */
  private openedReader(): Promise<Reader> {
    const current = this.reader;
    if (current) {
      return current.then((r) => {
        if (!r.page.isClosed()) return r;
        if (this.reader === current) this.reader = undefined;
        return this.openedReader();
      });
    }
    const opening = this.openReader();
    this.reader = opening;
    opening.catch(() => {
      if (this.reader === opening) this.reader = undefined;
    });
    return opening;
  }

  private async openReader(): Promise<Reader> {
    const page = await this.ctx.newPage();
    try {
      // Its own page, so the step is not traced (a trace records every page of the context).
      await this.ctx.step('open reader page', async (p) => {
        await this.pacer.take(this.ctx.signal);
        await this.ctx.goto(p, '/');
      }, page);
      return { page, http: await this.reachableHttp(page) };
    } catch (err) {
      await page.close().catch(() => undefined);
      throw err;
    }
  }

  /**
   * Node's HTTP with the page's session, if it reaches the portal too. The browser may reach what
   * Node cannot: a proxy Chromium takes from the system, a bank CA in the system's certificate
   * store, a name only the browser resolves. Then every lookup is read by the browser, said once.
   */
  private async reachableHttp(page: Page): Promise<SessionHttp | null> {
    const http = await SessionHttp.of(page, this.ctx.baseUrl);
    try {
      await this.pacer.take(this.ctx.signal);
      await readDocument(http, '/', 'search');
      return http;
    } catch (err) {
      if (!(err instanceof PortalError)) throw err;
      this.fetchOff = true;
      this.ctx.log.warn({ err: err.message }, 'the registry answers the browser but not a direct request (proxy, certificate or name only the browser knows?): every lookup by navigation');
      return null;
    }
  }

  private noteFallback(code: string, reason: string): void {
    this.rendered++;
    if (!this.saidFallback) {
      this.saidFallback = true;
      this.ctx.log.warn({ uscc: code, reason }, 'registry page lacks what a rendered page shows (built by JavaScript?): reading such lookups by navigation (logged once)');
    }
    if (!this.fetchOff && this.fetched === 0 && this.rendered >= GIVE_UP_FETCH_AFTER) {
      this.fetchOff = true;
      this.ctx.log.warn({ lookups: this.rendered }, 'no registry page could be read without rendering: every further lookup by navigation');
    }
  }

  async close(): Promise<void> {
    const reader = await this.reader?.catch(() => undefined);
    await reader?.page.close().catch(() => undefined);
    await this.pages.close();
  }
}

interface Reader {
  page: Page;
  http: SessionHttp | null;
}

function retryAfterMs(header: string | null): number {
  const seconds = Number(header ?? '1');
  return Number.isFinite(seconds) ? seconds * 1000 : 1000;
}
