// How each lookup is read. By default over HTTP with the browser's session (the SDK's HttpReader:
// no rendering, no DevTools round trip); by navigation when Node cannot reach the portal, when the
// fetched documents lack what a rendered page shows, or for every lookup with `render: true`.
// Either way the page that answers the lookup is kept byte for byte (PageStore) and named in the
// record; a screenshot asked for is rendered from those bytes, without another request.

import path from 'node:path';
import type { Page } from 'playwright-core';
import type { RegistryLookupResult, StoredPage } from '../records';
import { classifyDocument, LayoutError, PortalError, SessionExpiredError, type BotContext } from '../sdk';
import { HttpReader, type RequestPacer } from '../sdk/readers';
import { PageStore, renderStoredPage } from '../sdk/stored-pages';
import { fetchDetail, fetchSearch, type FetchedLookup } from './fetch-lookup';
import { NavigationLookup, type RenderedLookup } from './navigation-lookup';
import { PagePool } from './page-pool';
import { screenshotFile } from './stored-names';

/** Who asks, when the registry is read without a browser: said plainly (the portal is public). */
const DIRECT_USER_AGENT = 'Mozilla/5.0 (compatible; opsbot registry.company)';

/** After this many lookups needed rendering without one read from documents, stop trying documents. */
const GIVE_UP_FETCH_AFTER = 3;

export interface StrategyOptions {
  pacer: RequestPacer;
  /** Pages rendered at once (fallback navigations, evidence screenshots). */
  renderingPages: number;
  /** Every lookup by navigation. */
  renderAll: boolean;
}

export class LookupStrategy {
  private reader: Promise<Reader> | undefined;
  private readonly navigation: NavigationLookup;
  private readonly pages: PagePool;
  private readonly store: PageStore;
  private fetched = 0;
  private rendered = 0;
  private fetchOff: boolean;
  private saidFallback = false;

  constructor(private readonly ctx: BotContext, private readonly opts: StrategyOptions) {
    this.fetchOff = opts.renderAll;
    // Stylesheets the kept pages link are fetched once per run, over HTTP when Node reaches the portal.
    this.store = new PageStore(ctx.runDir, `pages/${ctx.botId}`, async (url) => {
      const http = (await this.reader?.catch(() => undefined))?.http;
      return http ? (await http.fetch(url)).answer : null;
    });
    this.navigation = new NavigationLookup(ctx, opts.pacer, this.store);
    this.pages = new PagePool(ctx, opts.renderingPages);
  }

  /** The lookup of `code`, its page kept; with `screenshot`, a found company's page rendered from the kept bytes. */
  async lookup(code: string, screenshot: boolean): Promise<RegistryLookupResult> {
    const read = await this.read(code);
    if (read.outcome === 'notFound') return { uscc: code, outcome: 'notFound', pages: read.pages };
    const found: RegistryLookupResult = { uscc: code, outcome: 'found', company: read.company, pages: read.pages };
    if (!screenshot || read.pages.length === 0) return found;
    await this.store.written(read.pages);
    const evidence = await this.screenshot(code, read.pages[0]!);
    return evidence ? { ...found, company: { ...read.company, evidence } } : found;
  }

  /** Waits until the pages `result` names are on disk (read over HTTP, they are written in the background). */
  async written(result: RegistryLookupResult): Promise<void> {
    if (result.outcome !== 'failed' && result.pages) await this.store.written(result.pages);
  }

  private async read(code: string): Promise<RenderedLookup> {
    if (this.fetchOff) return this.pages.use((page) => this.navigation.lookup(page, code));
    const reader = await this.openedReader();
    const http = reader.http;
    if (!http) return this.pages.use((page) => this.navigation.lookup(page, code));
    // Steps within steps: a 429 or busy page on the detail page retries that request, not the
    // search too; one on a record tab's page retries that page alone (fetchDetail).
    const search = await this.ctx.read(`lookup ${code}`, () => fetchSearch(http, this.store, code));
    const read: FetchedLookup = search.outcome === 'detail'
      ? await this.ctx.read(`lookup ${code} detail`, () => fetchDetail(http, this.store, code, search.detailUrl, (name, read) => this.ctx.read(name, read)))
      : search;
    if (read.outcome === 'needsRendering') {
      this.noteFallback(code, read.reason);
      return this.pages.use((page) => this.navigation.lookup(page, code));
    }
    this.fetched++;
    return read;
  }

  /** The screenshot of a kept page, rendered from its bytes; undefined (said in the log) when that fails: the record stands without it. */
  private async screenshot(code: string, page: StoredPage): Promise<string | undefined> {
    const file = screenshotFile(this.ctx.botId, code);
    try {
      await this.pages.use((p) => renderStoredPage(p, this.ctx.runDir, page, path.join(this.ctx.runDir, file)));
      return file;
    } catch (err) {
      if (err instanceof LayoutError || this.ctx.signal.aborted) throw err;
      this.ctx.log.warn({ uscc: code, err: (err as Error).message }, 'registry evidence screenshot failed; record kept without it');
      return undefined;
    }
  }

  /**
   * The session documents are read with. A public portal (no login) is first asked over plain
   * HTTP: if it answers, the run reads without a browser (Chromium is started only to render a
   * page that needs it). Otherwise, and for a portal with a login: a page of the bot's context
   * opens the portal (so it is logged in), and HTTP goes with that context's cookies (null when
   * Node cannot reach the portal the browser reached).
   */
  private openedReader(): Promise<Reader> {
    const current = this.reader;
    if (current) {
      return current.then((r) => {
        if (!r.page?.isClosed()) return r;
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
    const direct = this.ctx.portal.login ? null : await this.directHttp();
    if (direct) return { page: null, http: direct };
    const page = await this.ctx.newPage();
    try {
      // Its own page, so the step is not traced (a trace records every page of the context).
      await this.ctx.step('open reader page', async (p) => {
        await this.opts.pacer.take(this.ctx.signal);
        await this.ctx.goto(p, '/');
      }, page);
      return { page, http: await this.reachableHttp(page) };
    } catch (err) {
      await page.close().catch(() => undefined);
      throw err;
    }
  }

  /**
   * Plain HTTP, if the portal answers it with its own page (busy answers retried): null when it
   * asks for a login, refuses us, or cannot be reached from Node (then the browser decides).
   */
  private async directHttp(): Promise<HttpReader | null> {
    const http = HttpReader.direct({ portal: this.ctx.portal, baseUrl: this.ctx.baseUrl, pacer: this.opts.pacer, signal: this.ctx.signal, userAgent: DIRECT_USER_AGENT });
    // Busy, 429, 5xx: retried as any read (no reason for a browser). Not reached from Node (a proxy,
    // a bank CA, a name only the browser resolves), a login page, a refusal: the browser decides.
    const outcome = await this.ctx.read('open registry over HTTP', async () => {
      let read;
      try {
        read = await http.fetch('/');
      } catch (err) {
        if (err instanceof PortalError) return err.message;
        throw err;
      }
      try {
        classifyDocument(this.ctx.portal, read.doc, read.answer.retryAfter);
      } catch (err) {
        if (err instanceof SessionExpiredError) return 'a login page';
        throw err;
      }
      return read.doc.status === 200 ? null : `HTTP ${read.doc.status}`;
    });
    if (outcome === null) return http;
    this.ctx.log.info({ why: outcome }, 'the registry does not answer a plain request: reading with the browser\'s session');
    return null;
  }

  /**
   * Node's HTTP with the page's session, if it reaches the portal too. The browser may reach what
   * Node cannot: a proxy Chromium takes from the system, a bank CA in the system's certificate
   * store, a name only the browser resolves. Then every lookup is read by the browser, said once.
   */
  private async reachableHttp(page: Page): Promise<HttpReader | null> {
    const http = await HttpReader.open(page, { portal: this.ctx.portal, baseUrl: this.ctx.baseUrl, pacer: this.opts.pacer, signal: this.ctx.signal });
    try {
      await http.fetch('/');
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
    await reader?.page?.close().catch(() => undefined);
    await this.pages.close();
    await this.store.close();
  }
}

interface Reader {
  /** The page that opened the portal for the session; null when reading without a browser. */
  page: Page | null;
  http: HttpReader | null;
}
