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
  const crawlee = f('crawlee');
  if (!opsbot || !raw) return '';
  const per = (ms: number) => (ms / d.lookups).toFixed(0);
  const lines = ['**Where the time goes.**'];
  lines.push(
    `A browser lookup is two page loads and renders: opsbot's Chromium processes used ${per(chromiumCpu(opsbot.cpuByKind))} ms CPU per lookup and its node process ` +
      `${per(opsbot.cpuMs)} ms; raw HTTP used ${per(raw.treeCpuMs)} ms in all (fetch + parse, no rendering). ` +
      'On 2 shared cores the browser contenders are CPU-bound, so their throughput is CPU per lookup divided into what the machine gives them.',
  );
  if (bare) {
    lines.push(
      `The bare Playwright floor (same pages, only the two navigations and one read each, no checks) reached ${bare.lookupsPerSecond.toFixed(2)} lookups/s with ${per(bare.treeCpuMs)} ms CPU per lookup: ` +
        `opsbot is at ${((opsbot.lookupsPerSecond / bare.lookupsPerSecond) * 100).toFixed(0)} % of what the browser itself allows here. ` +
        `Even the floor is ${(bare.lookupsPerSecond / raw.lookupsPerSecond).toFixed(3)}× raw HTTP, so **≥ 0.5× raw HTTP is out of reach for any bot that renders the registry's pages in a browser** on this machine: ` +
        'the limit is the browser (layout, compositor and the DevTools round trips per page), not the portal, which answers a raw request in a few milliseconds.',
    );
  }
  lines.push(
    'opsbot\'s cost beyond the floor (profiled with DEBUG=pw:api and per-process CPU): about a dozen Playwright round trips per lookup ' +
      '(goto\'s classification reads the title; the search page waits for the result list, counts #no-result, then reads the rows; the detail page counts #no-result again, ' +
      'waits for and reads 基本信息, clicks the 变更记录 tab, waits for it, then reads headers, rows and the "共 N 条" line in three calls) where the floor needs two; ' +
      'every request also passes through two Node-side route handlers (the context\'s resource blocking and the page\'s evidence switch), which shows as extra CPU in the ' +
      'browser process; and, until commit 85fa179 (2026-11-22 21:14 UTC), the SDK started a Playwright trace with screenshots and DOM snapshots on every context, ' +
      'recording every page of the registry run although the bot never keeps a trace (60 lookups: 64 s with it, 43–49 s without). Figures measured before that time include this cost.',
  );
  if (crawlee) {
    lines.push(
      `Crawlee (${crawlee.lookupsPerSecond.toFixed(2)} lookups/s) pays similar per-page costs plus its defaults: fingerprint injection into every page, a session pool, ` +
        `a browser pool that retires the browser every 100 pages (${crawlee.cpuByKind['chromium browser']?.processes ?? '?'} Chromium browser processes were started), ` +
        'autoscaling that samples memory with `ps`, and one JSON file per record in its dataset.',
    );
  }
  lines.push(
    'Improvements that would move opsbot towards the floor, in the bot and SDK owners\' files (not changed by the bench): read each page in one `evaluate` (rows, 基本信息, both tabs\' tables and the stated total together, ' +
      'the 变更记录 table is in the DOM before the click; a click-and-wait can stay for the evidence screenshot only); route only image/font URLs instead of `**/*`, ' +
      'and drop the page-level route when no evidence is asked for.',
  );
  return lines.join('\n\n');
}

export function engineAnalysis(data: EngineFigure[]): string {
  const last = data[data.length - 1];
  const lines = [
    '**Where the time goes.** Profile of the 100,000-account pass (`node --cpu-prof`): reading the two JSONL files (readline + JSON.parse + string decoding, ~20 %), ' +
      'garbage collection (~11 %), building a full company object from the compact index for every lookup (`expand` in registry-lookups.ts, ~10 %), schema checks; ' +
      'the rules themselves are spread thinly (normaliseText\'s NFKC + bracket regex, compactUscc, parseTermDate, parseCapital, validateUscc: 1–4 % each) — no single hot spot.',
    'Memory grows with N for two reasons, both by design of the build step: the lookup index holds every company\'s compared fields (~0.5 KB each, see registry-lookups.ts), ' +
      'and the tally keeps every flag for the Excel\'s mismatch sheet. CPU per account is flat from 100,000 to 1,000,000 (linear growth; the 10,000 run is dominated by JIT warm-up). ' +
      'Under the load the rules\' CPU for 100,000 varied between 3.4 s and 4.4 s between runs; candidate savings, in the engine owner\'s files: judge against the compact company instead of expanding it per lookup, ' +
      'and normalise each registry value once per company rather than once per comparison.',
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
      'These bots page through server-rendered tables (or detail pages) in Chromium, so like the registry lookups their cost is page loads and Playwright round trips, ' +
      'and with two extraction jobs at a time on 2 cores shared with other work they queue for CPU.',
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
