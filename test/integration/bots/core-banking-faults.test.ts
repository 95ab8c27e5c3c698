// Core-banking bots under the portal's faults: complete data after retries and re-logins, or the
// right error (LayoutError with evidence on disk, IncompleteExtractionError) — never a silent partial.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import correctionsBot from '../../../bots/core-banking/corrections.bot';
import customersBot from '../../../bots/core-banking/customers.bot';
import reconciliationBot from '../../../bots/core-banking/reconciliation.bot';
import transactionsBot from '../../../bots/core-banking/transactions.bot';
import { IncompleteExtractionError, LayoutError, launchBrowser, runBot } from '../../../bots/sdk';
import { customersOf } from '../../../fixtures/generator/customers-touched';
import { reconciliationOf } from '../../../fixtures/generator/reconciliation';
import { transactionsOf } from '../../../fixtures/generator/transactions';
import { buildWorld } from '../../../fixtures/generator/world';
import { startHarness, type Harness } from './core-banking-support';

const DATE = '2025-03-03';
const world = buildWorld(22, 'small');
let browser: Browser;
let h: Harness;

beforeAll(async () => {
  browser = await launchBrowser();
  h = await startHarness(world, browser);
});
afterEach(() => {
  h.portal.faults.reset();
});
afterAll(async () => {
  await h?.close();
  await browser?.close();
});

/** Runs a bot expecting it to fail; returns the error and the run folder. */
async function failing(bot: Parameters<Harness['run']>[0], input: unknown): Promise<{ err: unknown; runDir: string }> {
  const runDir = await h.runDir();
  const err = await runBot(h.runtime, bot, input, { runDir }).then(() => undefined, (e: unknown) => e);
  return { err, runDir };
}

describe('core-banking bots under faults', () => {
  it('20 % 5xx: complete data after retries', async () => {
    h.portal.faults.set({ errorRate: 0.2 });
    const { records } = await h.run(reconciliationBot, { date: DATE, pageSize: 20 });
    expect(records).toEqual([...reconciliationOf(world, DATE)]);
  });

  it('session dropped mid-pagination: complete data, one more login', async () => {
    const before = h.logins();
    // '/', '/menu', '/welcome', page 1, then page 2 finds its session gone.
    h.portal.faults.set({ dropSessionsAfter: 5 });
    const { records } = await h.run(transactionsBot, { date: DATE, via: 'pages', pageSize: 100 });
    expect(records).toEqual([...transactionsOf(world, DATE)]);
    expect(h.logins()).toBe(before + 1);
  });

  it('session dropped at the export download: complete data after logging in again', async () => {
    const before = h.logins();
    // '/', '/menu', '/welcome', the list page, then the export click lands on the login page.
    h.portal.faults.set({ dropSessionsAfter: 5 });
    const { records } = await h.run(transactionsBot, { date: DATE });
    expect(records).toEqual([...transactionsOf(world, DATE)]);
    expect(h.logins()).toBe(before + 1);
  });

  it('layout variant: reordered columns still parse (export)', async () => {
    h.portal.faults.set({ layoutVariant: true });
    const { records } = await h.run(transactionsBot, { date: DATE });
    expect(records).toEqual([...transactionsOf(world, DATE)]);
  });

  it('layout variant: a renamed column is a LayoutError naming it, with evidence on disk', async () => {
    h.portal.faults.set({ layoutVariant: true });
    const { err, runDir } = await failing(correctionsBot, { date: DATE, pageSize: 10 });
    expect(err).toBeInstanceOf(LayoutError);
    expect((err as LayoutError).message).toContain('差错说明');
    const evidence = (err as LayoutError).evidence;
    expect(evidence.some((f) => f.endsWith('.png'))).toBe(true);
    expect(evidence.some((f) => f.endsWith('.html'))).toBe(true);
    for (const f of evidence) await access(path.join(runDir, f));
  });

  it('truncated page: IncompleteExtractionError (paginated table and export)', async () => {
    h.portal.faults.set({ truncatePages: true });
    const pages = await failing(customersBot, { date: DATE, pageSize: 100 });
    expect(pages.err).toBeInstanceOf(IncompleteExtractionError);
    expect((pages.err as IncompleteExtractionError).expected).toBe([...customersOf(world, DATE)].length);
    const exported = await failing(transactionsBot, { date: DATE });
    expect(exported.err).toBeInstanceOf(IncompleteExtractionError);
    expect((exported.err as IncompleteExtractionError).actual).toBe((exported.err as IncompleteExtractionError).expected - 3);
  });
});
