// A lookup read from rendered pages: real navigations in a browser page, the 变更记录 tab clicked.
// Used when a screenshot is due (evidence must show the page the bot read) and as the fallback
// when a fetched document lacks what the rendered page shows (document-reader.ts).

import type { Page } from 'playwright-core';
import { LayoutError, PortalError, type BotContext } from '../sdk';
import type { RegistryCompanyRecord, RegistryLookupResult } from '../records';
import { normaliseCode, parseBaseInfo, parseChanges, pickResult } from './parse';
import { DetailPage } from './pages/detail.page';
import { SearchPage } from './pages/search.page';
import type { RequestPacer } from './request-pacer';
import type { WorkerPage } from './page-pool';

/** Whether to screenshot: known before the visit (`preload`: load images too) or decided on the record. */
export interface EvidencePolicy {
  preload: boolean;
  after: (company: Omit<RegistryCompanyRecord, 'evidence'>) => boolean;
}

export class NavigationLookup {
  constructor(private readonly ctx: BotContext, private readonly pacer: RequestPacer) {}

  private async go(page: Page, url: string): Promise<void> {
    await this.pacer.take(this.ctx.signal);
    try {
      await this.ctx.goto(page, url);
      this.pacer.succeeded();
    } catch (err) {
      if (err instanceof PortalError && err.status === 429) this.pacer.throttled(err.retryAfterMs ?? 1_000);
      throw err;
    }
  }

  /** Search, then the detail page: the whole lookup by navigation. */
  lookup(wp: WorkerPage, code: string, evidence: EvidencePolicy): Promise<RegistryLookupResult> {
    return this.ctx.step(`lookup ${code}`, async (page) => {
      await this.go(page, SearchPage.url(code));
      const results = await new SearchPage(page).results();
      const href = results === 'none' ? undefined : pickResult(results, code);
      if (!href) return { uscc: code, outcome: 'notFound' as const };
      return this.readDetail(wp, code, href, evidence);
    }, wp.page);
  }

  /** Only the detail page (its URL known from a fetched search): for the evidence screenshot. */
  detail(wp: WorkerPage, code: string, detailUrl: string, evidence: EvidencePolicy): Promise<RegistryLookupResult> {
    return this.ctx.step(`evidence ${code}`, () => this.readDetail(wp, code, detailUrl, evidence), wp.page);
  }

  private async readDetail(wp: WorkerPage, code: string, href: string, evidencePolicy: EvidencePolicy): Promise<RegistryLookupResult> {
    const { page } = wp;
    wp.allowAll = evidencePolicy.preload;
    try {
      await this.go(page, href);
      if ((await page.locator('#no-result').count()) > 0) return { uscc: code, outcome: 'notFound' as const };
      const detail = new DetailPage(page);
      const base = parseBaseInfo(await detail.baseInfo());
      if (!base.ok) throw new LayoutError('#base-info', page.url(), base.problem);
      if (normaliseCode(base.value.uscc) !== code) throw new LayoutError('#base-info', page.url(), `detail page shows ${base.value.uscc}, not ${code}`);
      const table = await detail.changes();
      const changes = parseChanges(table.headers, table.rows);
      if (!changes.ok) throw new LayoutError('#change-list', page.url(), changes.problem);
      if (changes.value.length !== table.stated) throw new PortalError(`变更记录 of ${code}: ${changes.value.length} rows, page states ${table.stated}`);
      let evidence: string | undefined;
      if (evidencePolicy.preload || evidencePolicy.after({ ...base.value, changes: changes.value })) {
        await detail.showBaseInfo();
        evidence = (await this.ctx.evidence.capture(page, `registry-${code}`, false))[0];
      }
      return { uscc: code, outcome: 'found' as const, company: { ...base.value, changes: changes.value, ...(evidence ? { evidence } : {}) } };
    } finally {
      wp.allowAll = false;
    }
  }
}
