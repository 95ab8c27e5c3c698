import { z } from 'zod';
import { RegistryLookupResult } from '../records';
import { defineBot, LayoutError } from '../sdk';
import { RequestPacer } from '../sdk/readers';
import { codesFromFile } from './codes-from-file';
import { LookupStrategy } from './lookup-strategy';
import { orderedPool } from './ordered-pool';
import { normaliseCode } from './parse';
import { registryPortal } from './portal';

/**
 * Our default pace: the registry's 20 requests/s (the fixture's default and the public system's
 * habit), no less: the pacer keeps to it within every second (a sliding window with a few ms of
 * guard), and learns a lower limit from a 429 (request-pacer.ts); every request below it is time lost.
 */
export const DEFAULT_REQUESTS_PER_SECOND = 20;
/** Pages rendered at once (fallback navigations and asked-for screenshots): rendering is what costs CPU. */
const MAX_RENDERING_PAGES = 4;

const CodeShape = z.object({ length: z.number().int().positive(), alphabet: z.string().min(1) });

const Input = z
  .object({
    /** Codes to look up (spaces and lower case are fine). One record per code, in this order. */
    uscc: z.array(z.string().min(1)).optional(),
    /**
     * Instead of `uscc` (no record lists in job payloads): a JSONL of ReviewAccountRecord, relative
     * to the run folder; its distinct codes are looked up (see codes-from-file.ts).
     */
    accountsFile: z.string().min(1).optional(),
    /**
     * With `accountsFile`: look up only the codes (normalised) of this length over this alphabet,
     * e.g. the shape of a USCC. Which codes deserve a lookup is the job's call, handed over as data.
     */
    lookupOnly: CodeShape.optional(),
    /**
     * Codes whose detail page is also screenshotted (rendered from the page kept for the record, no
     * further request). The annual review renders its evidence in its build step instead, for the
     * accounts it flags.
     */
    evidenceFor: z.array(z.string()).default([]),
    /** Screenshot every company found. */
    evidence: z.boolean().default(false),
    /**
     * Render every page (real navigations, as a person's browser would) instead of reading the
     * documents over HTTP: for a registry known to build its pages with script (the bot also
     * notices that by itself, lookup-strategy.ts), or to compare both ways.
     */
    render: z.boolean().default(false),
    /**
     * Lookups in flight. Documents are fetched over HTTP with the browser's session, not in pages,
     * so this is not a number of pages; it must cover the portal's latency and the retries' waits
     * (a 429's retry waits at least its Retry-After, 1 s at the registry): at 20 requests/s and
     * ~2.2 requests a lookup, 16 in flight allow ~1.7 s a lookup. Pages rendered at once
     * (fallback, screenshots): at most 4.
     */
    concurrency: z.number().int().min(1).max(64).default(16),
    /** Our own pace, at or below the portal's limit; a 429 teaches us a lower one (request-pacer.ts). */
    requestsPerSecond: z.number().positive().default(DEFAULT_REQUESTS_PER_SECOND),
  })
  .refine((i) => (i.uscc === undefined) !== (i.accountsFile === undefined), 'give either uscc or accountsFile');

/**
 * 工商登记信息查询: each code searched on the registry, its detail page read (基本信息 and the
 * record tabs: 变更记录, 经营异常信息, 严重违法失信信息, each page of them, a tab stating 0 entries
 * not opened; record-tabs.ts), many in flight within the rate limit. The browser opens the portal (and logs in
 * where there is a login); pages are then read over HTTP with its session and parsed without
 * rendering (lookup-strategy.ts). Every page read for a lookup is kept byte for byte in the
 * run folder (`pages/registry.company/`, named in the record with its sha256), so evidence can be
 * rendered from it later without another request.
 * "Not found" is an answer; a lookup that still fails after the runtime's retries is yielded as
 * `failed` so the check can mark the account unverifiable. A changed layout stops the run.
 */
export default defineBot({
  id: 'registry.company',
  title: '工商登记信息查询',
  version: '2.0.0',
  portal: registryPortal,
  input: Input,
  record: RegistryLookupResult,
  async *run(ctx, input) {
    const codes = input.accountsFile === undefined
      ? (input.uscc ?? []).map(normaliseCode)
      : await codesFromFile(ctx.runDir, input.accountsFile, input.lookupOnly ?? null);
    const screenshotOf = new Set(input.evidenceFor.map(normaliseCode));
    ctx.expectTotal(codes.length);
    const strategy = new LookupStrategy(ctx, {
      pacer: new RequestPacer(input.requestsPerSecond),
      renderingPages: Math.min(input.concurrency, MAX_RENDERING_PAGES),
      renderAll: input.render,
    });
    let done = 0;
    const results = orderedPool(codes, input.concurrency, async (code): Promise<RegistryLookupResult> => {
      try {
        return await strategy.lookup(code, input.evidence || screenshotOf.has(code));
      } catch (err) {
        if (err instanceof LayoutError || ctx.signal.aborted) throw err;
        const message = err instanceof Error ? err.message : String(err);
        ctx.log.warn({ uscc: code, err: message }, 'registry lookup failed after retries');
        return { uscc: code, outcome: 'failed', error: message };
      }
    });
    try {
      for await (const result of results) {
        // Its pages were written while the next lookups ran: a record leaves only naming files on disk.
        await strategy.written(result);
        yield result;
        ctx.progress(++done, codes.length);
      }
    } finally {
      await strategy.close();
    }
  },
});
