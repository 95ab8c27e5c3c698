// docs/benchmarks.md's registry section (rendered by render-doc.ts): the contenders side by side,
// wall and CPU per lookup, the issue's targets, and what the profiles say (analysis.ts).

import { registryAnalysis } from '../analysis';
import type { Measured, Target } from '../results';
import type { RegistryBench, RegistryFigure } from './bench-registry';

/** Issue 21, item 1: opsbot at least as fast as CheerioCrawler, with no more CPU per lookup; near raw HTTP. */
export const VS_CHEERIO_MIN = 1.0;
export const VS_RAW_MIN = 0.9;

const s1 = (ms: number): string => (ms / 1000).toFixed(1);
const mb = (n: number): string => n.toFixed(0);
export const cpuPerLookup = (f: RegistryFigure): number => f.treeCpuMs / f.lookups;

/** Requests the registry answered per lookup (last round; page kinds in brackets), '—' for figures kept before they were counted. */
export function requestsPerLookup(f: RegistryFigure): string {
  const requests = f.rounds.at(-1)?.requests;
  if (!requests) return '—';
  const total = Object.values(requests).reduce((a, b) => a + b, 0);
  const kinds = Object.entries(requests).sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(', ');
  return `${(total / f.lookups).toFixed(2)} (${kinds})`;
}

function table(head: string[], rows: (string | number)[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** The section's markdown from its heading on; pushes its rows of the targets table onto `targets`. */
export function registryMarkdown(title: string, m: Measured<RegistryBench> | undefined, targets: Target[]): string {
  if (!m) return `## ${title}\n\nNot measured yet: \`npm run bench -- --only registry\`.\n`;
  const d = m.data;
  const by = (c: string) => d.figures.find((f) => f.contender === c);
  const rows = d.figures.map((f) => [
    f.label, f.lookups, f.rounds.length, f.lookupsPerSecond.toFixed(1), s1(f.wallMs), s1(f.treeCpuMs), cpuPerLookup(f).toFixed(2), mb(f.peakRssMb), mb(f.peakPssMb),
    f.rounds.map((r) => s1(r.wallMs)).join(' / '), requestsPerLookup(f),
  ]);
  const lines = [`## ${title}: opsbot vs Crawlee CheerioCrawler vs raw HTTP (and two that render every page)`, '',
    `Measured ${m.measuredAt.replace('T', ' ').slice(0, 16)} UTC; load average (1/5/15 min) ${m.loadBefore} before, ${m.loadAfter} after.`, '',
    `USCC lookups on the same fixture registry (generated large registry, every 50th company), served from the bench's own process (its CPU counts against no contender), ` +
      `rate limit and busy pages off, concurrency ${d.concurrency} for all (Crawlee's autoscaling pinned: min = max); each lookup = search page → detail page (基本信息 + 变更记录's first page) → the record tabs the detail page says hold entries, every page of a paged tab ` +
      `(the bot's rule and parse functions, used by all three that read over HTTP; the two that render every page read search + detail only). ` +
      `"requests / lookup" is what the fixture registry answered, counted by the registry itself. ` +
      `Every run's records were checked against the generator (for ${d.lookups} lookups: found ${d.expected.found}, ${d.expected.changeRows} change rows${d.expected.listEntries === undefined ? '' : `, ${d.expected.listEntries} list-tab entries`}, same digest) before its figure counts. ` +
      `The three that read over HTTP ran ${d.rounds} rounds each, alternating, each round in another order: their figures are the medians (wall and CPU separately), the peaks the highest round. ` +
      `The two that render every page ran once, on the first ${d.browserLookups} codes (2,000 took PlaywrightCrawler 20 minutes of both cores on this shared machine); ` +
      'rates and CPU are per lookup, so they compare.', '',
    table(['contender', 'lookups', 'rounds', 'lookups/s', 'wall s', 'tree CPU s', 'CPU ms / lookup', 'peak RSS MB', 'peak PSS MB', 'wall s per round', 'requests / lookup'], rows), '',
    'Wall time is from the contender\'s start (browser launch included) to its last record. CPU is the whole process tree\'s (node, Chromium, anything the contender spawns), ' +
      'read from /proc from start to exit, start-up included. RSS is summed over the tree and counts shared pages once per process; PSS splits them and is the tree\'s real footprint.', ''];
  const opsbot = by('opsbot');
  const cheerio = by('crawlee-cheerio');
  const raw = by('raw-http');
  if (opsbot && cheerio && raw) {
    const vsCheerio = opsbot.lookupsPerSecond / cheerio.lookupsPerSecond;
    const vsRaw = opsbot.lookupsPerSecond / raw.lookupsPerSecond;
    const cpuOk = cpuPerLookup(opsbot) <= cpuPerLookup(cheerio);
    lines.push(`Ratios: opsbot / CheerioCrawler = **${vsCheerio.toFixed(2)}×** in lookups/s (target ≥ ${VS_CHEERIO_MIN.toFixed(1)}×), ` +
      `CPU per lookup ${cpuPerLookup(opsbot).toFixed(2)} ms vs ${cpuPerLookup(cheerio).toFixed(2)} ms (target: no more); opsbot / raw HTTP = **${vsRaw.toFixed(3)}×** (target ≥ ${VS_RAW_MIN}×).`, '');
    targets.push({ what: 'Registry: opsbot vs Crawlee CheerioCrawler, lookups/s', target: `≥ ${VS_CHEERIO_MIN.toFixed(1)}×`, measured: `${vsCheerio.toFixed(2)}×`, ok: vsCheerio >= VS_CHEERIO_MIN });
    targets.push({ what: 'Registry: opsbot vs CheerioCrawler, CPU per lookup', target: '≤ CheerioCrawler\'s', measured: `${cpuPerLookup(opsbot).toFixed(2)} vs ${cpuPerLookup(cheerio).toFixed(2)} ms`, ok: cpuOk });
    targets.push({ what: 'Registry: opsbot vs raw HTTP, lookups/s', target: `≥ ${VS_RAW_MIN}×`, measured: `${vsRaw.toFixed(3)}×`, ok: vsRaw >= VS_RAW_MIN });
  }
  lines.push('CPU by process (ms, processes; for the contenders with rounds, of the round nearest the median):', '');
  const kinds = [...new Set(d.figures.flatMap((f) => Object.keys(f.cpuByKind)))].sort();
  lines.push(table(['process', ...d.figures.map((f) => f.contender)], kinds.map((k) => [k, ...d.figures.map((f) => (f.cpuByKind[k] ? `${f.cpuByKind[k].cpuMs} (${f.cpuByKind[k].processes})` : '—'))])), '');
  lines.push('Settings: ' + d.figures.map((f) => `${f.contender}: ${Object.entries(f.notes).map(([k, v]) => `${k} ${v}`).join(', ')}`).join('; ') + '.', '');
  const analysis = registryAnalysis(d);
  if (analysis) lines.push(analysis, '');
  return lines.join('\n');
}
