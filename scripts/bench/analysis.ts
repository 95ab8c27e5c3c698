// What the profiles (node --cpu-prof, summarised with profile-summary.ts) and the per-process CPU
// figures say about each section, written next to the figures so a reader knows why a target is
// missed and where the time goes. Numbers are taken from the figures passed in; the prose states
// what the profiles showed when these benchmarks were written.

import type { RegistryBench } from './registry/bench-registry';
import type { ReportFigure } from './report/bench-report';
import type { EngineFigure } from './results';

const chromiumCpu = (kinds: Record<string, { cpuMs: number }>): number =>
  Object.entries(kinds).filter(([k]) => k.startsWith('chromium') || k === 'sh').reduce((a, [, v]) => a + v.cpuMs, 0);

export function registryAnalysis(d: RegistryBench): string {
  const f = (c: string) => d.figures.find((x) => x.contender === c);
  const opsbot = f('opsbot');
  const raw = f('raw-http');
  const bare = f('playwright-bare');
  const crawlee = f('crawlee-playwright');
  if (!opsbot || !raw) return '';
  const per = (ms: number) => (ms / d.lookups).toFixed(0);
  const perTenth = (ms: number) => (ms / d.lookups).toFixed(1);
  const lines = ['**Where the time goes.**'];
  lines.push(
    'opsbot logs in with the browser and reads with its session, not through it (bots/registry/lookup-strategy.ts and the SDK\'s HTTP reader, bots/sdk/readers/): a page of the bot\'s context opens the portal ' +
      '(logging in where there is a login), then the search and detail pages are fetched from Node with that context\'s cookies (asked of the browser once, again after a re-login) ' +
      'and its User-Agent, and parsed with node-html-parser by the same selectors and parse functions as the rendered path. Nothing is rendered and no request goes through the ' +
      'DevTools protocol; only pages that need script to show their content are opened by navigation (evidence screenshots were too when these figures were measured; since #16 the annual review\'s build renders them from the page bytes the bot kept, with no request to the registry). ' +
      'Before this, the pages were fetched inside a logged-in page (its `fetch` + DOMParser): 58.6 lookups/s, 0.18× raw HTTP, because every request went node → DevTools → renderer → network service and back.',
  );
  lines.push(
    `CPU per lookup, whole processes from start to exit: opsbot's node process ${perTenth(opsbot.cpuByKind.node?.cpuMs ?? opsbot.cpuMs)} ms and its Chromium processes ` +
      `${perTenth(chromiumCpu(opsbot.cpuByKind))} ms (the launch, the login page and idle pages); raw HTTP ${perTenth(raw.treeCpuMs)} ms in all. What opsbot pays beyond raw HTTP is its runtime: each request paced and classified (429, 5xx, busy page, login page), ` +
      'each lookup a retrying step, the 变更记录 checked against the page\'s stated total, every record validated against its schema and written to the run\'s JSONL in input order, ' +
      'and the browser launched and logged in before the first lookup (counted in opsbot\'s wall time).',
  );
  if (bare) {
    lines.push(
      `The bare Playwright floor (two rendering navigations and one read each, no checks) reached ${bare.lookupsPerSecond.toFixed(2)} lookups/s with ${per(bare.treeCpuMs)} ms CPU per lookup: ` +
        `opsbot is at ${(opsbot.lookupsPerSecond / bare.lookupsPerSecond).toFixed(1)}× that floor, because it renders nothing it does not have to show. ` +
        `The floor itself is ${(bare.lookupsPerSecond / raw.lookupsPerSecond).toFixed(3)}× raw HTTP: no bot that renders every page can come near 0.5×.`,
    );
  }
  if (crawlee) {
    lines.push(
      `Crawlee (${crawlee.lookupsPerSecond.toFixed(2)} lookups/s) renders every page and adds its defaults: fingerprint injection into every page, a session pool, ` +
        `a browser pool that retires the browser every 100 pages (${crawlee.cpuByKind['chromium browser']?.processes ?? '?'} Chromium browser processes were started), ` +
        'autoscaling that samples memory with `ps`, and one JSON file per record in its dataset.',
    );
  }
  lines.push(
    'In production the portal, not the browser, sets the pace: the registry allows 20 requests/s and a lookup is 2 requests, so 10 lookups/s is its ceiling; ' +
      'the bot runs at 20 requests/s by default, never more than 20 within any second (a 429 pauses it for Retry-After and teaches it a lower limit if the portal has one), see the annual-review section below for 10,000 accounts at that limit.',
  );
  return lines.join('\n\n');
}

export function engineAnalysis(data: EngineFigure[]): string {
  const last = data[data.length - 1];
  const lines = [
    '**What was changed, and where the time goes now.** The first profile of the 100,000-account pass (`node --cpu-prof`) had the time in reading the two JSONL files ' +
      '(readline + JSON.parse, ~20 %), garbage collection (~11 %), building a full company object per lookup (~10 %) and schema checks, with the rules spread thinly. ' +
      'Since then: the files are read in 1 MB chunks split on bytes; records get a cheap structural check with zod only as the fallback ' +
      '(a bad row is still reported with its row and field); the rules judge the compact company the index keeps; normaliseText maps common text (CJK, ASCII, full-width ASCII, ' +
      'CJK brackets) in one scan and takes NFKC + regex only for the rest; status, date and capital parses are memoised; flags are built without spreads. Results are byte-identical ' +
      'to the earlier code (test/unit/annual-review-check/optimised-vs-reference.test.ts).',
    'That left the whole pass at 3.6 s, most of it V8 decoding and parsing the two files (111 MB at 100,000 accounts: 1.4 s of `toString` + `JSON.parse` alone). Two changes since: ' +
      '(1) the rules added their flags through a closure per account, and tsx (which ran opsbot then; production now runs the esbuild build, which has no such helper) wraps every named inner function in a naming helper: a module function instead took ' +
      'the rules from 0.88 s to 0.65 s; (2) a registry file of 16 MB or more is read on its own thread while the accounts are read and judged on the main one ' +
      '(jobs/annual-review-check/build/registry-lookups.ts). The registry bot writes its answers in the accounts\' order, so an account\'s answer is nearly always in when the account is judged; ' +
      'answers cross between threads as one packed string each (~50 ms for 100,000; as objects, structured clone took ~600 ms), and the thread was then an esbuild bundle of its few modules made at run time ' +
      '(0.15 s to start; tsx in a thread took 0.57 s): it is now an entry point of the compiled build (section 6). On 2 cores both threads and V8\'s GC share the CPU, so the rules\' own time rises a little in the whole pass while the pass shortens; ' +
      '"load index" is now the time until the registry file is read to its end, in parallel with the accounts. The 10,000-account file (6.6 MB) is read on the main thread: a thread would cost more than it saves.',
    'Memory grows with N for two reasons, both by design of the build step: the lookup index holds every company\'s compared fields, ' +
      'and the tally keeps every flag for the Excel\'s mismatch sheet. CPU per account is flat from 100,000 to 1,000,000 (linear growth; the 10,000 run is dominated by JIT warm-up).',
  ];
  if (last && last.accounts >= 1_000_000) {
    lines.push(`At ${last.accounts.toLocaleString('en')} accounts the peak RSS was ${last.peakRssMb.toFixed(0)} MB: beyond a few hundred thousand companies the index would have to be joined on disk (the comment in registry-lookups.ts says so).`);
  }
  return lines.join('\n\n');
}

export function reportAnalysis(scale: string, d: ReportFigure): string {
  const slowest = [...d.extraction].filter((x) => x.durationMs !== null).sort((a, b) => (b.durationMs ?? 0) - (a.durationMs ?? 0)).slice(0, 3);
  const extractionShare = 1 - d.build.buildMs / d.wallMs;
  return [
    `**Where the time goes (${scale}).** Extraction through the portals is ${(extractionShare * 100).toFixed(0)} % of the wall time; the build (figures, Excel, PDF) is ${(d.build.buildMs / 1000).toFixed(1)} s. ` +
      `Slowest sources: ${slowest.map((x) => `${x.botId} ${((x.durationMs ?? 0) / 1000).toFixed(1)} s for ${x.count} records`).join(', ')}. ` +
      'The browser logs in and opens each list\'s first page; the list bots then read the server-rendered pages over HTTP with the browser\'s session from Node ' +
      '(`gridFetchOverHttp`, 4 at a time, navigation as the fallback), the queue bot reads its JSON API the same way, 10 cursor pages to a step, transactions come as one CSV ' +
      'export, and complaint details are read the same way, 3 at a time; what remains per job is a fixed cost of a few seconds (a browser context, the login, the first page), ' +
      'with two extraction jobs at a time on 2 cores.',
  ].join('\n\n');
}

export function excelAnalysis(): string {
  return [
    '**What was changed.** The first measurement had opsbot\'s writer at 170 % of plain exceljs\'s CPU. The profile showed the time in exceljs\'s styles table ' +
      '(rendering each cell\'s font to XML and looking it up): `writeTableSheet` gave every cell a new style object, and exceljs caches a style\'s id by object identity. ' +
      'It now shares one style object per column (commit 3dc1ba5), which is why it is now at or below plain exceljs — plain exceljs itself makes a new merged style object ' +
      'per cell from the column style, and so pays that lookup for its number-format columns.',
  ].join('\n\n');
}
