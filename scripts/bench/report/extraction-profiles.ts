// The large daily report's slow sources, profiled before and after issue #21 item 2: each bot run
// alone against the large fixtures by scripts/bench/report/profile-bots.ts (wall time, CPU of this
// node process — which also serves the fixture portals — and of Chromium), with `node --cpu-prof`
// saying where the node side went. Measured by hand, not by `npm run bench` (a profile per source
// is several minutes): re-measure with the commands in the prose and update these rows.

import type { Target } from '../results';
import type { ReportFigure } from './bench-report';

/** One source's figures from profile-bots.ts: seconds of wall time and of CPU. */
export interface SourceProfile {
  wallS: number;
  nodeCpuS: number;
  chromiumCpuS: number;
}

export interface ExtractionProfile {
  botId: string;
  records: number;
  before: SourceProfile;
  after: SourceProfile;
  /** Where the time went before, from the profile. */
  wentBefore: string;
  /** What changed, and where the time goes now. */
  goesNow: string;
}

/**
 * Before: commit 6c9776e; after: commit 1f9b74f with the HTTP reader's node:http transport
 * (bots/sdk/readers/http-get.ts); both 2026-12-07 21:32–21:35 UTC, load average 8.0 → 4.0, 2 cores.
 */
export const EXTRACTION_PROFILES: ExtractionProfile[] = [
  {
    botId: 'core-banking.customers',
    records: 159_943,
    before: { wallS: 57.8, nodeCpuS: 28.1, chromiumCpuS: 29.9 },
    after: { wallS: 16.8, nodeCpuS: 15.0, chromiumCpuS: 7.3 },
    wentBefore: '1,600 pages of 100 fetched inside the page, 4 per round trip: Chromium fetched each, base64-encoded its HTML across DevTools and recorded it in the step\'s trace. Node was idle (waiting on Chromium) 23 s of 56; Playwright 6.0 s, trace writes 3.5 s, HTML parsing 4.7 s, GC 4.2 s',
    goesNow: 'read over HTTP with the browser session from Node (`gridFetchOverHttp`, 4 at a time). Node (a profile with fetch; the reader has used node:http since): HTML parsing 6.5 s, undici 1.2 s, Playwright 1.7 s, the fixture rendering its pages; Chromium: its start, the login and the first page only',
  },
  {
    botId: 'core-banking.reconciliation',
    records: 100_000,
    before: { wallS: 25.8, nodeCpuS: 14.9, chromiumCpuS: 16.6 },
    after: { wallS: 10.6, nodeCpuS: 10.0, chromiumCpuS: 4.0 },
    wentBefore: 'the same in-page reading as customers, over 1,000 pages',
    goesNow: 'the same HTTP reading as customers; what remains is parsing 1,000 pages in Node and the fixture rendering them',
  },
  {
    botId: 'queue.tickets',
    records: 16_651,
    before: { wallS: 60.4, nodeCpuS: 57.1, chromiumCpuS: 12.8 },
    after: { wallS: 4.1, nodeCpuS: 1.9, chromiumCpuS: 5.4 },
    wentBefore: 'the queue fixture re-simulated the whole day (16,651 tickets) for every `/api/tickets` page of 50: 333 × the day, about 60 s of the profile\'s 81 s (date arithmetic 15 s, the simulation 8 s, GC 23 s) — a fixture bug; then a `page.evaluate` and a trace chunk per page',
    goesNow: 'the fixture simulates a day once (commit b5d73f5, same answers); the bot reads the JSON over HTTP with the session, 10 pages to a step (commit 1f9b74f). Chromium: the login and the shell page',
  },
  {
    botId: 'core-banking.transactions',
    records: 207_191,
    before: { wallS: 9.6, nodeCpuS: 7.3, chromiumCpuS: 3.7 },
    after: { wallS: 8.3, nodeCpuS: 7.1, chromiumCpuS: 2.3 },
    wentBefore: 'one CSV export download (already so), decoded from GBK and parsed as a stream in Node',
    goesNow: 'unchanged; alone it is 8 s: its 20–34 s in the report is the other job beside it and the fixture generating the export on the same 2 cores',
  },
];

const s1 = (n: number): string => n.toFixed(1);

/** The large report as docs/benchmarks.md had it before issue #21 item 2 (measured 2026-11-23 00:24 UTC). */
const BEFORE_LARGE = { wallS: 243.4, pssMb: 1210, treeCpuS: 247.7 };

/** The profiles as markdown: a table of before → after per source, and where the time went. */
export function extractionProfilesMarkdown(): string {
  const rows = EXTRACTION_PROFILES.map((p) =>
    `| ${p.botId} | ${p.records.toLocaleString('en')} | ${s1(p.before.wallS)} → **${s1(p.after.wallS)}** | ${s1(p.before.nodeCpuS)} → ${s1(p.after.nodeCpuS)} | ${s1(p.before.chromiumCpuS)} → ${s1(p.after.chromiumCpuS)} |`);
  const notes = EXTRACTION_PROFILES.map((p) => `- **${p.botId}.** Before: ${p.wentBefore}. Now: ${p.goesNow}.`);
  return [
    '**Profiles of the slow sources (large, each bot alone).** `npx tsx scripts/bench/report/profile-bots.ts large <botId>...` runs one bot at a time against the large fixtures ' +
      '(no worker, no other job beside it) and prints its wall time and the CPU of node (the bot, and the fixture portals it serves) and of Chromium; with ' +
      '`node --cpu-prof --import tsx` in front, the profile says where the node side went. Before: commit 6c9776e; after: 1f9b74f (with the HTTP reader on node:http, `bots/sdk/readers/http-get.ts`); 2026-12-07 21:32–21:35 UTC on the same 2 cores (load 8 → 4).',
    '',
    '| source | records | wall s (before → after) | node CPU s | Chromium CPU s |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    ...notes,
    '',
    `The whole large report, before these changes: ${s1(BEFORE_LARGE.wallS)} s trigger → delivered, peak PSS ${BEFORE_LARGE.pssMb} MB, tree CPU ${s1(BEFORE_LARGE.treeCpuS)} s ` +
      '(measured 2026-11-23 00:24 UTC; the table above is now). AML alerts and device inspections read their later grid pages the same way, and complaint details too (commit 19c1bba).',
  ].join('\n');
}

/** The large report's target rows (issue #21 item 2): trigger → delivered, and the worker tree's peak PSS. */
export function largeReportTargets(d: Pick<ReportFigure, 'status' | 'wallMs' | 'peakPssMb' | 'peakRssMb'>): Target[] {
  return [
    { what: 'Daily report large: trigger → delivered (issue #21)', target: '≤ 120 s', measured: `${d.status}, ${s1(d.wallMs / 1000)} s`, ok: d.status !== 'failed' && d.wallMs <= 120_000 },
    { what: 'Daily report large: peak PSS of the worker tree (issue #21)', target: '≤ 1024 MB', measured: `${d.peakPssMb.toFixed(0)} MB (RSS sum ${d.peakRssMb.toFixed(0)} MB)`, ok: d.peakPssMb <= 1024 },
  ];
}
