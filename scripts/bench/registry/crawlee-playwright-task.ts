// (b') Crawlee rendering every page, as the registry section first compared it: a PlaywrightCrawler
// doing the same lookups (search page → detail page → 基本信息 and the 变更记录 tab clicked open),
// with Crawlee's defaults (request queue, session pool, browser pool with fingerprints, retries,
// dataset storage) and the same concurrency, on Debian's Chromium through playwright-core. No
// network: storage in a temp folder, Chromium's quiet flags. Its fair peer for pages that need no
// script is CheerioCrawler (crawlee-cheerio-task.ts); this row shows what rendering costs.

import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from 'playwright-core';
import type { RegistryLookupResult } from '../../../bots/records';
import { normaliseCode, parseBaseInfo, parseChanges, pickResult } from '../../../bots/registry/parse';
import { chromiumExecutable, QUIET_FLAGS } from '../../../bots/sdk/browser';
import { summarise } from './lookup-set';
import type { RegistryContenderArgs, RegistryContenderResult } from './registry-result';

export async function runCrawleePlaywrightRegistry(args: RegistryContenderArgs): Promise<RegistryContenderResult> {
  // Crawlee reads its storage folder from the environment when it is first loaded.
  process.env.CRAWLEE_STORAGE_DIR = path.join(args.dir, 'crawlee-storage');
  process.env.CRAWLEE_PURGE_ON_START = 'true';
  const { PlaywrightCrawler, Dataset, log } = await import('crawlee');
  log.setLevel(log.LEVELS.WARNING);
  const { version } = (await import('crawlee/package.json', { with: { type: 'json' } })).default as { version: string };
  const launchArgs = [...QUIET_FLAGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const crawler = new PlaywrightCrawler({
    launchContext: { launcher: chromium, launchOptions: { executablePath: chromiumExecutable(args.chromiumPath), headless: true, args: launchArgs } },
    // The same concurrency as the others. Pinning the minimum too: Crawlee's autoscaling starts at
    // 1 and would hold back on a machine other processes load, which is not what is compared.
    maxConcurrency: args.concurrency,
    minConcurrency: args.concurrency,
    async requestHandler({ request, page: crawleePage, addRequests }) {
      // Crawlee types its page with the `playwright` package, which is not installed here.
      const page = crawleePage as unknown as Page;
      const code = request.userData.code as string;
      if (request.label === 'DETAIL') {
        const pairs = await page.locator('#base-info tr').evaluateAll((trs) =>
          trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('td')?.textContent ?? ''] as [string, string]));
        const base = parseBaseInfo(pairs);
        if (!base.ok) throw new Error(`${code}: ${base.problem}`);
        await page.click('#tab-link-changes');
        await page.locator('#tab-changes').waitFor({ state: 'visible' });
        const headers = await page.locator('#tab-changes thead th').allTextContents();
        const rows = await page.locator('#tab-changes tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')));
        const changes = parseChanges(headers, rows);
        if (!changes.ok) throw new Error(`${code}: ${changes.problem}`);
        const record: RegistryLookupResult = { uscc: code, outcome: 'found', company: { ...base.value, changes: changes.value } };
        await Dataset.pushData(record);
        return;
      }
      await page.locator('#no-result, #result-list').first().waitFor();
      if ((await page.locator('#no-result').count()) > 0) {
        await Dataset.pushData({ uscc: code, outcome: 'notFound' } satisfies RegistryLookupResult);
        return;
      }
      const results = await page.locator('#result-list tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({ code: tr.querySelector('.uscc')?.textContent ?? '', href: tr.querySelector('a.company-link')?.getAttribute('href') ?? '' })));
      const href = pickResult(results, code);
      if (!href) {
        await Dataset.pushData({ uscc: code, outcome: 'notFound' } satisfies RegistryLookupResult);
        return;
      }
      await addRequests([{ url: new URL(href, args.baseUrl).href, label: 'DETAIL', userData: { code } }]);
    },
  });
  const codes = args.codes.map(normaliseCode);
  const stats = await crawler.run(codes.map((code) => ({ url: new URL(`/search?${new URLSearchParams({ keyword: code })}`, args.baseUrl).href, label: 'SEARCH', userData: { code } })));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const { items } = await Dataset.getData();
  if (stats.requestsFailed > 0) throw new Error(`Crawlee: ${stats.requestsFailed} requests failed`);
  return {
    contender: 'crawlee-playwright',
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    summary: summarise(items as RegistryLookupResult[]),
    notes: { crawlee: version, crawler: 'PlaywrightCrawler', concurrency: args.concurrency, requestsFinished: stats.requestsFinished, retried: stats.retryHistogram.slice(1).reduce((a, b) => a + (b ?? 0), 0) },
  };
}
