// A lookup read from rendered pages: real navigations in a browser page, the 变更记录 tab clicked.
// Used when a screenshot is due (evidence must show the page the bot read) and as the fallback
// when a fetched document lacks what the rendered page shows (document-reader.ts).

import type { Page } from 'playwright-core';
import { LayoutError, PortalError, type BotContext } from '../sdk';
import type { RegistryCompanyRecord, RegistryLookupResult } from '../records';
import { normaliseCode, parseBaseInfo, parseChanges, pickResult } from './parse';
import { DetailPage } from './pages/detail.page';
import { SearchPage } from './pages/search.page';
import { SELECTORS } from './pages/selectors';
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

  /**
   * The evidence of a record read from documents: its detail page opened for real (images too)
   * and screenshotted. When the rendered 基本信息 is the one read, that is all (the page opens on
   * 基本信息: no clicks); otherwise the record is read again from this page, so the screenshot
   * always shows the record yielded.
   */
  evidence(wp: WorkerPage, code: string, detailUrl: string, read: RegistryCompanyRecord): Promise<RegistryLookupResult> {
    return this.ctx.step(`evidence ${code}`, async () => {
      wp.allowAll = true;
      try {
        await this.go(wp.page, detailUrl);
        if ((await wp.page.locator(SELECTORS.noResult).count()) === 0) {
          const base = parseBaseInfo(await new DetailPage(wp.page).baseInfo());
          if (base.ok && sameBaseInfo(base.value, read)) {
            const evidence = (await this.ctx.evidence.capture(wp.page, `registry-${code}`, false))[0];
            return { uscc: code, outcome: 'found' as const, company: { ...read, ...(evidence ? { evidence } : {}) } };
          }
        }
        return await this.readLoaded(wp.page, code, { preload: true, after: () => true });
      } finally {
        wp.allowAll = false;
      }
    }, wp.page);
  }

  private async readDetail(wp: WorkerPage, code: string, href: string, evidencePolicy: EvidencePolicy): Promise<RegistryLookupResult> {
    wp.allowAll = evidencePolicy.preload;
    try {
      await this.go(wp.page, href);
      return await this.readLoaded(wp.page, code, evidencePolicy);
    } finally {
      wp.allowAll = false;
    }
  }

  /** Reads the detail page loaded in `page` (and screenshots it if the policy says so). */
  private async readLoaded(page: Page, code: string, evidencePolicy: EvidencePolicy): Promise<RegistryLookupResult> {
    if ((await page.locator(SELECTORS.noResult).count()) > 0) return { uscc: code, outcome: 'notFound' as const };
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
  }
}

function sameBaseInfo(shown: Omit<RegistryCompanyRecord, 'changes' | 'evidence'>, read: RegistryCompanyRecord): boolean {
  return (Object.keys(shown) as (keyof typeof shown)[]).every((k) => shown[k] === read[k]);
}
