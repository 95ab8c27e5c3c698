import type { Page } from 'playwright-core';
import { z } from 'zod';
import { RegistryLookupResult } from '../records';
import { defineBot, LayoutError, PortalError, type BotContext } from '../sdk';
import { orderedPool } from './ordered-pool';
import { normaliseCode, parseBaseInfo, parseChanges, pickResult } from './parse';
import { DetailPage } from './pages/detail.page';
import { SearchPage } from './pages/search.page';
import { registryPortal } from './portal';
import { RequestPacer } from './request-pacer';

const Input = z.object({
  /** Codes to look up (spaces and lower case are fine). One record per code, in this order. */
  uscc: z.array(z.string().min(1)),
  /** Codes whose detail page is screenshotted as evidence (e.g. the flagged accounts). */
  evidenceFor: z.array(z.string()).default([]),
  /** Screenshot every company found. */
  evidence: z.boolean().default(false),
  /** Parallel pages: the per-portal concurrency limit. */
  concurrency: z.number().int().min(1).max(16).default(4),
  /** Our own pace, below the portal's limit; a 429 slows us down further. */
  requestsPerSecond: z.number().positive().default(15),
});

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

async function lookup(ctx: BotContext, wp: WorkerPage, code: string, pacer: RequestPacer, withEvidence: boolean): Promise<RegistryLookupResult> {
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
    wp.allowAll = withEvidence;
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
      if (withEvidence) {
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
    const codes = input.uscc.map(normaliseCode);
    const evidenceFor = new Set(input.evidenceFor.map(normaliseCode));
    const pacer = new RequestPacer(input.requestsPerSecond);
    ctx.expectTotal(codes.length);
    const pages: WorkerPage[] = [];
    for (let w = 0; w < Math.min(input.concurrency, codes.length); w++) pages.push(await workerPage(ctx));
    let done = 0;
    const results = orderedPool(codes, pages.length, async (code, w): Promise<RegistryLookupResult> => {
      try {
        return await lookup(ctx, pages[w]!, code, pacer, input.evidence || evidenceFor.has(code));
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
