// (b) The peer a developer would pick for pages that need no script: Crawlee's CheerioCrawler
// doing the same lookups as opsbot, page for page: search page → detail page (基本信息 + the
// 变更记录 tab's first page), then the record tabs the detail page says hold entries, every page
// of a paged tab, by the bot's own tab rule (record-tabs.ts) and parse functions. The tab pages
// are fetched from the detail page's handler with Crawlee's `sendRequest` (got-scraping, with the
// request's session) and read with cheerio: a lookup's pages depend on one another (a pager's
// next link), so they are read in its handler rather than enqueued as separate requests.
// Crawlee's defaults stay on where they are part of what it is: got-scraping with generated
// browser-like headers, the session pool with cookies kept per session, retries, the request
// queue. Two settings are pinned so the comparison is of the work, not of tuning: concurrency
// min = max (autoscaling starts at 1 and would hold back on a machine other processes load), and
// storage in memory (Crawlee's default persists every request and record as a JSON file under
// ./storage; turning that off favours it).

import { performance } from 'node:perf_hooks';
import type { CheerioAPI } from 'cheerio';
import type { RegistryLookupResult } from '../../../bots/records';
import { normaliseCode, parseBaseInfo, pickResult } from '../../../bots/registry/parse';
import { recordTabSelectors, SELECTORS as sel, type RecordTab } from '../../../bots/registry/pages/selectors';
import { readRecordTabs, type TabPageContent } from '../../../bots/registry/record-tabs';
import { summarise } from './lookup-set';
import type { RegistryContenderArgs, RegistryContenderResult } from './registry-result';

/** One page of a record tab read with cheerio, by the selectors the bot uses (documents.ts's tabContent). */
function tabContentOf($: CheerioAPI, tab: RecordTab, pageUrl: string): TabPageContent {
  const t = recordTabSelectors(tab);
  const summary = $(t.summary).first();
  const next = $(t.next).first().attr('href');
  return {
    hasPanel: $(t.panel).length > 0,
    headers: $(t.headers).toArray().map((th) => $(th).text()),
    rows: $(t.rows).toArray().map((tr) => $(tr).find('td').toArray().map((td) => $(td).text())),
    summary: summary.length > 0 ? summary.text() : null,
    next: next ? new URL(next, pageUrl).href : null,
  };
}

function tabLinkOf($: CheerioAPI, tab: RecordTab, pageUrl: string): { href: string; countText: string } | null {
  const t = recordTabSelectors(tab);
  const link = $(t.link).first();
  if (link.length === 0) return null;
  const count = $(t.count).first();
  return { href: new URL(link.attr('href') ?? '', pageUrl).href, countText: (count.length > 0 ? count : link).text() };
}

export async function runCrawleeCheerioRegistry(args: RegistryContenderArgs): Promise<RegistryContenderResult> {
  const { CheerioCrawler, Configuration, log } = await import('crawlee');
  const { load } = await import('cheerio');
  log.setLevel(log.LEVELS.WARNING);
  const { version } = (await import('crawlee/package.json', { with: { type: 'json' } })).default as { version: string };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const config = new Configuration({ persistStorage: false, purgeOnStart: true });
  let tabRequests = 0;
  const crawler = new CheerioCrawler({
    maxConcurrency: args.concurrency,
    minConcurrency: args.concurrency,
    useSessionPool: true,
    persistCookiesPerSession: true,
    async requestHandler({ request, $, addRequests, pushData, sendRequest }) {
      const code = request.userData.code as string;
      const pageUrl = request.loadedUrl ?? request.url;
      if (request.label === 'DETAIL') {
        const pairs = $(sel.baseRows).toArray().map((tr) => [$(tr).find('th').first().text(), $(tr).find('td').first().text()] as [string, string]);
        const base = parseBaseInfo(pairs);
        if (!base.ok) throw new Error(`${code}: ${base.problem}`);
        const tabs = await readRecordTabs(code, { changes: tabContentOf($, 'changes', pageUrl), abnormal: tabLinkOf($, 'abnormal', pageUrl), violations: tabLinkOf($, 'violations', pageUrl) },
          async (tab, url) => {
            tabRequests++;
            const res = await sendRequest({ url });
            if (res.statusCode !== 200) throw new Error(`GET ${url}: HTTP ${res.statusCode}`);
            return tabContentOf(load(res.body), tab, res.url);
          });
        if (!tabs.ok) throw new Error(`${code}: ${tabs.problem}`);
        await pushData({ uscc: code, outcome: 'found', company: { ...base.value, ...tabs.value } } satisfies RegistryLookupResult);
        return;
      }
      if ($(sel.noResult).length > 0) {
        await pushData({ uscc: code, outcome: 'notFound' } satisfies RegistryLookupResult);
        return;
      }
      const results = $(sel.resultRows).toArray().map((tr) => ({ code: $(tr).find(sel.resultCode).first().text(), href: $(tr).find(sel.resultLink).first().attr('href') ?? '' }));
      const href = pickResult(results, code);
      if (!href) {
        await pushData({ uscc: code, outcome: 'notFound' } satisfies RegistryLookupResult);
        return;
      }
      await addRequests([{ url: new URL(href, pageUrl).href, label: 'DETAIL', userData: { code } }]);
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
      crawlee: version, crawler: 'CheerioCrawler (got-scraping + header generator, session pool with cookies per session, cheerio; tab pages by sendRequest)', storage: 'in memory (persistStorage off)',
      concurrency: args.concurrency, requestsFinished: stats.requestsFinished, tabRequests, avgRequestMs: Math.round(stats.requestAvgFinishedDurationMillis), retried: stats.retryHistogram.slice(1).reduce((a, b) => a + (b ?? 0), 0),
    },
  };
}
