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
  const cheerio = f('crawlee-cheerio');
  const raw = f('raw-http');
  const bare = f('playwright-bare');
  const playwright = f('crawlee-playwright');
  if (!opsbot || !raw) return '';
  const per = (x: { treeCpuMs: number; lookups: number }) => (x.treeCpuMs / x.lookups).toFixed(2);
  const s1 = (ms: number) => (ms / 1000).toFixed(1);
  const launchMs = typeof opsbot.notes.browserLaunchMs === 'number' && opsbot.notes.browserLaunchMs > 0 ? opsbot.notes.browserLaunchMs : undefined;
  const chromiumMs = chromiumCpu(opsbot.cpuByKind);
  const lines = ['**Where the time goes.**'];
  lines.push(
    'The registry is public (no login): opsbot asks its home page over plain HTTP first (bots/registry/lookup-strategy.ts, the SDK\'s `HttpReader.direct`) and, answered with the portal\'s own page, ' +
      'reads every lookup with Node\'s own GETs (node:http with keep-alive, http-get.ts) and starts no browser' +
      (launchMs === undefined && chromiumMs === 0 ? ' (none was started in these runs)' : launchMs !== undefined ? ` (this run started one, ${s1(launchMs)} s)` : '') +
      '. A portal with a login, or one that refuses a plain request, is read with the browser\'s session instead (the browser logs in; Node reads with its cookies and User-Agent), and a page that needs rendering starts the browser on first need. ' +
      'Pages are parsed with node-html-parser by the same selectors and parse functions as the rendered path. Besides search and detail, a lookup ' +
      'follows the detail page\'s 经营异常信息 / 严重违法失信信息 tabs when their labels state entries (about 1 lookup in 10 of this sample: 198 more pages for 2,000 lookups); CheerioCrawler and raw HTTP follow the same tabs by the same rule (the table\'s requests / lookup, counted by the registry). Each read is paced (the pacer ' +
      'still takes its turn with the limit off), classified (429, 5xx, busy page, login page) and retried by the runtime\'s policy (`ctx.read`); the 变更记录 is checked against the page\'s stated total; every page read ' +
      'is kept byte for byte, gzipped, in the run folder (the evidence a screenshot is later rendered from), written on a thread of its own while the lookups go on (bots/sdk/stored-pages/page-keeper.ts), each record waiting for its pages before it leaves the bot; every record is validated against its schema and written to the run\'s JSONL in input order.',
  );
  if (cheerio) {
    lines.push(
      `CheerioCrawler (${cheerio.lookupsPerSecond.toFixed(1)} lookups/s, ${per(cheerio)} ms CPU per lookup against opsbot's ${per(opsbot)} ms) sends each lookup's search and detail requests through its request queue (its tab pages with sendRequest, in the request's session) ` +
        'and got-scraping, which gives its requests browser-like headers from header-generator; its session pool picks a session per request and keeps that session\'s cookies; each answer is parsed twice ' +
        '(htmlparser2\'s parseDocument for `dom`, then cheerio.load for `$`); options are validated with ow on the hot path; the autoscaled pool samples memory by spawning `ps` and reads the CPU load. ' +
        'A profile of 1,000 of its lookups (`node --cpu-prof`, load 13) had 14 % of its samples in garbage collection, ' +
        '3 % in spawning `ps`, 3 % in ow\'s argument checks, 2 % capturing call sites (stack traces) and 2 % in `os.cpus()`; cheerio\'s selectors and parsers were a small part. None of that is wrong for a crawler ' +
        'of the open web (rotating sessions, looking like a browser, adapting to the machine); for a portal the bank may read, it is cost without use.',
    );
  }
  const nodeMs = (x: { cpuByKind: Record<string, { cpuMs: number }>; treeCpuMs: number; lookups: number }) => ((x.cpuByKind.node?.cpuMs ?? x.treeCpuMs) / x.lookups).toFixed(2);
  lines.push(
    `Raw HTTP (${raw.lookupsPerSecond.toFixed(1)} lookups/s, ${per(raw)} ms CPU per lookup) is the same pages with fetch and the bot's node-html-parser parse functions and nothing else: no browser, no checks, nothing kept but the JSONL. ` +
      `It and opsbot are bound by one JavaScript thread each (the registry serves from the bench's process on the other core): opsbot's node process used ${nodeMs(opsbot)} ms of CPU per lookup against raw HTTP's ${nodeMs(raw)} ms, ` +
      'the page keeper\'s thread included. opsbot sends its GETs with node:http, cheaper than fetch (2,000 GETs to this registry: 1.27 s of CPU with fetch, 0.56 s with http.get); what it does beyond raw HTTP is the pacing, classification, retries, the sha256 and the kept pages, schema validation and ordered writing. ' +
      '**How the distance closed** (2026-12-08; 2,000 lookups, concurrency 4, rounds alternating with raw HTTP on a quiet machine): on 2026-12-07 opsbot was at 0.53× raw HTTP. ' +
      'Its browser, launched and opening the portal for a session the public registry does not need, was 3.7 s of the tree\'s 12.7 s of CPU (browser 1.4 s, three renderers 1.6 s, zygote, utility and GPU processes) and 0.5 s of wall before the first read: ' +
      'without it (plain HTTP first, the browser only when the portal asks for one) opsbot went from 252-261 to 294-313 lookups/s. A profile then had a quarter of the bot thread in keeping pages: gzip, sha256 and, per page, an open, a write, a close and a rename ' +
      'each hopping through fs/promises to the thread pool and back. Written synchronously (4,200 files of 5 KB: 1.0-2.8 s of CPU through fs/promises, 0.26-0.58 s synchronously), then on a thread of their own, the record awaiting its pages only as it leaves: ' +
      '421-531 lookups/s, against raw HTTP\'s 452-553 in the same runs. A read\'s timeout became a plain timer (AbortSignal.timeout is a controller, a timer and a weak reference per request), and a kept page\'s stylesheet links are found by a walk, not a css-select query per page.',
  );
  if (bare || playwright) {
    const parts: string[] = [];
    if (bare) {
      parts.push(`The bare Playwright floor (two rendering navigations and one read per lookup, no checks) reached ${bare.lookupsPerSecond.toFixed(2)} lookups/s with ${per(bare)} ms CPU per lookup: ` +
        `opsbot is at ${(opsbot.lookupsPerSecond / bare.lookupsPerSecond).toFixed(1)}× that floor because it renders nothing it does not have to show.`);
    }
    if (playwright) {
      parts.push(`PlaywrightCrawler (${playwright.lookupsPerSecond.toFixed(2)} lookups/s, ${per(playwright)} ms CPU per lookup) renders every page and adds its defaults: fingerprint injection into every page, ` +
        `a browser pool that retires the browser every 100 pages (${playwright.cpuByKind['chromium browser']?.processes ?? '?'} Chromium browser processes were started for ${playwright.lookups} lookups), ` +
        'autoscaling that samples memory with `ps`, and one JSON file per record in its dataset. Its first measurement, 2,000 lookups on 2026-11-23, gave 1.61 lookups/s and 1,088 ms CPU per lookup: ' +
        'on fewer lookups its start and browser retirements weigh more per lookup. It is the right tool for pages built by script, not the peer for pages that are not.');
    }
    lines.push(parts.join(' '));
  }
  lines.push(
    'In production the portal, not the client, sets the pace: the registry allows 20 requests/s and a lookup is 2 requests, so 10 lookups/s is its ceiling; ' +
      'the bot runs at 20 requests/s by default (a 429 teaches it a lower limit, bots/sdk/readers/request-pacer.ts), see the annual-review section below for 10,000 accounts at that limit.',
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
