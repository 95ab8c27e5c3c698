// (b) The peer a developer would pick for pages that need no script: Crawlee's CheerioCrawler
// doing the same lookups (search page → detail page, 基本信息 + the 变更记录 tab's table, which
// the detail page holds), with the same parse functions as the others. Crawlee's defaults stay on
// where they are part of what it is: got-scraping with generated browser-like headers, the session
// pool with cookies kept per session, retries, the request queue. Two settings are pinned so the
// comparison is of the work, not of tuning: concurrency min = max (autoscaling starts at 1 and
// would hold back on a machine other processes load), and storage in memory (Crawlee's default
// persists every request and record as a JSON file under ./storage; turning that off favours it).

import { performance } from 'node:perf_hooks';
import type { RegistryLookupResult } from '../../../bots/records';
import { normaliseCode, parseBaseInfo, parseChanges, pickResult } from '../../../bots/registry/parse';
import { summarise } from './lookup-set';
import type { RegistryContenderArgs, RegistryContenderResult } from './registry-result';

export async function runCrawleeCheerioRegistry(args: RegistryContenderArgs): Promise<RegistryContenderResult> {
  const { CheerioCrawler, Configuration, log } = await import('crawlee');
  log.setLevel(log.LEVELS.WARNING);
  const { version } = (await import('crawlee/package.json', { with: { type: 'json' } })).default as { version: string };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const config = new Configuration({ persistStorage: false, purgeOnStart: true });
  const crawler = new CheerioCrawler({
    maxConcurrency: args.concurrency,
    minConcurrency: args.concurrency,
    useSessionPool: true,
    persistCookiesPerSession: true,
    async requestHandler({ request, $, addRequests, pushData }) {
      const code = request.userData.code as string;
      if (request.label === 'DETAIL') {
        const pairs = $('#base-info tr').toArray().map((tr) => [$(tr).find('th').first().text(), $(tr).find('td').first().text()] as [string, string]);
        const base = parseBaseInfo(pairs);
        if (!base.ok) throw new Error(`${code}: ${base.problem}`);
        const headers = $('#tab-changes thead th').toArray().map((th) => $(th).text());
        const rows = $('#tab-changes tbody tr').toArray().map((tr) => $(tr).find('td').toArray().map((td) => $(td).text()));
        const changes = parseChanges(headers, rows);
        if (!changes.ok) throw new Error(`${code}: ${changes.problem}`);
        await pushData({ uscc: code, outcome: 'found', company: { ...base.value, changes: changes.value } } satisfies RegistryLookupResult);
        return;
      }
      if ($('#no-result').length > 0) {
        await pushData({ uscc: code, outcome: 'notFound' } satisfies RegistryLookupResult);
        return;
      }
      const results = $('#result-list tbody tr').toArray().map((tr) => ({ code: $(tr).find('.uscc').first().text(), href: $(tr).find('a.company-link').first().attr('href') ?? '' }));
      const href = pickResult(results, code);
      if (!href) {
        await pushData({ uscc: code, outcome: 'notFound' } satisfies RegistryLookupResult);
        return;
      }
      await addRequests([{ url: new URL(href, request.loadedUrl ?? request.url).href, label: 'DETAIL', userData: { code } }]);
    },
  }, config);
  const codes = args.codes.map(normaliseCode);
  const stats = await crawler.run(codes.map((code) => ({ url: new URL(`/search?${new URLSearchParams({ keyword: code })}`, args.baseUrl).href, label: 'SEARCH', userData: { code } })));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const { items } = await crawler.getData();
  if (stats.requestsFailed > 0) throw new Error(`CheerioCrawler: ${stats.requestsFailed} requests failed`);
  return {
    contender: 'crawlee-cheerio',
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    summary: summarise(items as RegistryLookupResult[]),
    notes: {
      crawlee: version, crawler: 'CheerioCrawler (got-scraping + header generator, session pool with cookies per session, cheerio)', storage: 'in memory (persistStorage off)',
      concurrency: args.concurrency, requestsFinished: stats.requestsFinished, avgRequestMs: Math.round(stats.requestAvgFinishedDurationMillis), retried: stats.retryHistogram.slice(1).reduce((a, b) => a + (b ?? 0), 0),
    },
  };
}
