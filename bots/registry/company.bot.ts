import { z } from 'zod';
import { IsoDate, RegistryLookupResult } from '../records';
import { planFromAccounts } from './accounts-plan';
import { defineBot, LayoutError } from '../sdk';
import { LookupStrategy } from './lookup-strategy';
import type { EvidencePolicy } from './navigation-lookup';
import { orderedPool } from './ordered-pool';
import { normaliseCode } from './parse';
import { registryPortal } from './portal';
import { RequestPacer } from './request-pacer';

/**
 * Our default pace: just under the registry's 20 requests/s (the fixture's default and the public
 * system's habit). Requests are spaced evenly and a 429 halves the pace at once, so running close
 * to the limit costs at most a pause now and then, while every request below it is time lost.
 */
export const DEFAULT_REQUESTS_PER_SECOND = 19;
/** Pages rendered at once (fallback and evidence screenshots): rendering is what costs CPU. */
const MAX_RENDERING_PAGES = 4;

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
    /**
     * Render every page (real navigations, as a person's browser would) instead of reading the
     * documents: for a registry known to build its pages with script (the bot also notices that
     * by itself, lookup-strategy.ts), or to compare both ways.
     */
    render: z.boolean().default(false),
    /**
     * Lookups in flight. Documents are fetched over HTTP with the browser's session, not in pages,
     * so this is not a number of pages; it must cover the portal's latency (at 19 requests/s and 2 requests a
     * lookup, 8 in flight allow ~0.8 s a lookup, retries' waits included). Pages rendered at
     * once (evidence, fallback): at most 4.
     */
    concurrency: z.number().int().min(1).max(64).default(8),
    /** Our own pace, at or below the portal's limit; a 429 slows us down further. */
    requestsPerSecond: z.number().positive().default(DEFAULT_REQUESTS_PER_SECOND),
  })
  .refine((i) => (i.uscc === undefined) !== (i.accountsFile === undefined), 'give either uscc or accountsFile')
  .refine((i) => i.evidenceFor !== 'flagged' || (i.accountsFile !== undefined && i.reviewDate !== undefined), "evidenceFor 'flagged' needs accountsFile and reviewDate");

/**
 * 工商登记信息查询: each code searched on the registry, its detail page read (基本信息 and
 * 变更记录), many in flight within the rate limit. The browser opens the portal (and logs in
 * where there is a login); pages are then read over HTTP with its session and parsed without
 * rendering (lookup-strategy.ts); only evidence is rendered.
 * "Not found" is an answer; a lookup that still fails after the runtime's retries is yielded as `failed` so the check can mark the account
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
      // Decided on the record read from documents: its detail page is then opened for the screenshot.
      after: (company) => input.evidenceFor === 'flagged' && plan !== null && plan.flagged(code, company),
    });
    const pacer = new RequestPacer(input.requestsPerSecond);
    ctx.expectTotal(codes.length);
    const strategy = new LookupStrategy(ctx, pacer, Math.min(input.concurrency, MAX_RENDERING_PAGES), input.render);
    let done = 0;
    const results = orderedPool(codes, input.concurrency, async (code): Promise<RegistryLookupResult> => {
      try {
        return await strategy.lookup(code, policyFor(code));
      } catch (err) {
        if (err instanceof LayoutError || ctx.signal.aborted) throw err;
        const message = err instanceof Error ? err.message : String(err);
        ctx.log.warn({ uscc: code, err: message }, 'registry lookup failed after retries');
        return { uscc: code, outcome: 'failed', error: message };
      }
    });
    try {
      for await (const result of results) {
        yield result;
        ctx.progress(++done, codes.length);
      }
    } finally {
      await strategy.close();
    }
  },
});
