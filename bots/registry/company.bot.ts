import type { Page } from 'playwright-core';
import { z } from 'zod';
import { IsoDate, RegistryLookupResult, type RegistryCompanyRecord } from '../records';
import { planFromAccounts } from './accounts-plan';
import { defineBot, LayoutError, PortalError, type BotContext } from '../sdk';
import { orderedPool } from './ordered-pool';
import { normaliseCode, parseBaseInfo, parseChanges, pickResult } from './parse';
import { DetailPage } from './pages/detail.page';
import { SearchPage } from './pages/search.page';
import { registryPortal } from './portal';
import { RequestPacer } from './request-pacer';

const Input = z
  .object({
    /** Codes to look up (spaces and lower case are fine). One record per code, in this order. */
    uscc: z.array(z.string().min(1)).optional(),
    /**
     * Instead of `uscc` (no record lists in job payloads): a JSONL of ReviewAccountRecord, relative
     * to the run folder; its distinct valid codes are looked up (see accounts-plan.ts).
     */
    accountsFile: z.string().min(1).optional(),
    /**
     * Codes whose detail page is screenshotted as evidence, or 'flagged' (with accountsFile and
     * reviewDate): only companies where the check's rules will flag one of the accounts.
     */
    evidenceFor: z.union([z.array(z.string()), z.literal('flagged')]).default([]),
    /** The review date the check judges as of (licence expiry); needed for evidenceFor 'flagged'. */
    reviewDate: IsoDate.optional(),
    /** Screenshot every company found. */
    evidence: z.boolean().default(false),
    /** Parallel pages: the per-portal concurrency limit. */
    concurrency: z.number().int().min(1).max(16).default(4),
    /** Our own pace, below the portal's limit; a 429 slows us down further. */
    requestsPerSecond: z.number().positive().default(15),
  })
  .refine((i) => (i.uscc === undefined) !== (i.accountsFile === undefined), 'give either uscc or accountsFile')
  .refine((i) => i.evidenceFor !== 'flagged' || (i.accountsFile !== undefined && i.reviewDate !== undefined), "evidenceFor 'flagged' needs accountsFile and reviewDate");

/** Whether to screenshot: known before the visit (`preload`: load images too) or decided on the record. */
interface EvidencePolicy {
  preload: boolean;
  after: (company: Omit<RegistryCompanyRecord, 'evidence'>) => boolean;
}

/** A worker's page: images and fonts blocked (context route) unless an evidence screenshot is due. */
interface WorkerPage {
  page: Page;
  allowAll: boolean;
}

async function workerPage(ctx: BotContext): Promise<WorkerPage> {
  const wp: WorkerPage = { page: await ctx.newPage(), allowAll: false };
  // Page routes run before the context's blocking route; fallback() hands over to it.
  await wp.page.route('**/*', (route) => (wp.allowAll ? route.continue() : route.fallback()));
  return wp;
}

async function lookup(ctx: BotContext, wp: WorkerPage, code: string, pacer: RequestPacer, evidencePolicy: EvidencePolicy): Promise<RegistryLookupResult> {
  const go = async (page: Page, url: string) => {
    await pacer.take(ctx.signal);
    try {
      await ctx.goto(page, url);
      pacer.succeeded();
    } catch (err) {
      if (err instanceof PortalError && err.status === 429) pacer.throttled(err.retryAfterMs ?? 1_000);
      throw err;
    }
  };
  return ctx.step(`lookup ${code}`, async (page) => {
    await go(page, SearchPage.url(code));
    const results = await new SearchPage(page).results();
    const href = results === 'none' ? undefined : pickResult(results, code);
    if (!href) return { uscc: code, outcome: 'notFound' as const };
    wp.allowAll = evidencePolicy.preload;
    try {
      await go(page, href);
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
        evidence = (await ctx.evidence.capture(page, `registry-${code}`, false))[0];
      }
      return { uscc: code, outcome: 'found' as const, company: { ...base.value, changes: changes.value, ...(evidence ? { evidence } : {}) } };
    } finally {
      wp.allowAll = false;
    }
  }, wp.page);
}

/**
 * 工商登记信息查询: each code searched on the registry, its detail page read (基本信息 and
 * 变更记录), in parallel pages within the rate limit. "Not found" is an answer; a lookup that
 * still fails after the runtime's retries is yielded as `failed` so the check can mark the account
 * unverifiable. A changed layout stops the run.
 */
export default defineBot({
  id: 'registry.company',
  title: '工商登记信息查询',
  version: '1.0.0',
  portal: registryPortal,
  input: Input,
  record: RegistryLookupResult,
  async *run(ctx, input) {
    const plan = input.accountsFile === undefined ? null : await planFromAccounts(ctx.runDir, input.accountsFile, input.evidenceFor === 'flagged' ? (input.reviewDate ?? null) : null);
    const codes = plan?.codes ?? (input.uscc ?? []).map(normaliseCode);
    const evidenceFor = new Set(input.evidenceFor === 'flagged' ? [] : input.evidenceFor.map(normaliseCode));
    const policyFor = (code: string): EvidencePolicy => ({
      preload: input.evidence || evidenceFor.has(code),
      // Decided on the parsed record, so the page was loaded with images blocked: text-only screenshot.
      after: (company) => input.evidenceFor === 'flagged' && plan !== null && plan.flagged(code, company),
    });
    const pacer = new RequestPacer(input.requestsPerSecond);
    ctx.expectTotal(codes.length);
    const pages: WorkerPage[] = [];
    for (let w = 0; w < Math.min(input.concurrency, codes.length); w++) pages.push(await workerPage(ctx));
    let done = 0;
    const results = orderedPool(codes, pages.length, async (code, w): Promise<RegistryLookupResult> => {
      try {
        return await lookup(ctx, pages[w]!, code, pacer, policyFor(code));
      } catch (err) {
        if (err instanceof LayoutError || ctx.signal.aborted) throw err;
        const message = err instanceof Error ? err.message : String(err);
        ctx.log.warn({ uscc: code, err: message }, 'registry lookup failed after retries');
        return { uscc: code, outcome: 'failed', error: message };
      }
    });
    for await (const result of results) {
      yield result;
      ctx.progress(++done, codes.length);
    }
    await Promise.all(pages.map((p) => p.page.close().catch(() => undefined)));
  },
});
