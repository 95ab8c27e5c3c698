// docs/benchmarks.md's "How cost grows" (issue 21, item 3): time and memory per size of the daily
// report, the annual review and the engine alone, the growth factor between sizes, and how to size
// a machine from them. Rendered from the kept figures (growth-points.ts) on every write of the doc,
// so a section measured again by anyone shows here too. A size not measured says so.

import type { AnnualReviewFigure } from '../annual-review/bench-annual-review';
import type { BenchResults } from '../results';
import {
  enginePoints, REPORT_SIZES, reportPoint, REVIEW_SIZES, reviewPoint,
  type EnginePoint, type Provenance, type ReportPoint, type ReviewPoint,
} from './growth-points';

export const NOT_MEASURED = 'not measured';

const s1 = (ms: number): string => (ms / 1000).toFixed(1);
const mb = (n: number): string => n.toFixed(0);
const int = (n: number): string => Math.round(n).toLocaleString('en');
/** A growth factor: two decimals below ×10, one above. */
const times = (x: number): string => `×${x >= 10 ? x.toFixed(1) : x.toFixed(2)}`;
const perItem = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(3));

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(head: string[], rows: string[][]): string {
  return [row(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(row)].join('\n');
}

function measured(p: Provenance): string {
  const at = p.measuredAt.replace('T', ' ').slice(0, 16);
  return p.fromKeptText ? `${at} † (kept text)` : `${at}${p.load1 ? ` (load ${p.load1})` : ''}`;
}

/** A row for a size without figures: the command that measures it, no number. */
function missing(label: string, cells: number, command: string): string[] {
  return [label, NOT_MEASURED, ...Array.from({ length: cells - 3 }, () => '—'), `\`${command}\``];
}

const DAY_MS = 24 * 60 * 60_000;

/** Sizes measured days apart may differ by the code and the machine's load as well as by size: say so under the table. */
function apartNote(points: (Provenance | undefined)[]): string[] {
  const at = points.filter((p): p is Provenance => p !== undefined).map((p) => Date.parse(p.measuredAt));
  if (at.length < 2 || Math.max(...at) - Math.min(...at) <= DAY_MS) return [];
  const days = Math.round((Math.max(...at) - Math.min(...at)) / DAY_MS);
  return [`*These sizes were measured up to ${days} day${days === 1 ? '' : 's'} apart, so the code and the machine's load differ between them as well as the size: ` +
    'read the growth between them with care, or measure them again together.*', ''];
}

/** Growth between consecutive sizes; a pair with a size not measured says so. */
function growthRows<P>(sizes: { label: string; point: P | undefined }[], factors: (a: P, b: P) => string[], width: number): string[][] {
  const rows: string[][] = [];
  for (let i = 1; i < sizes.length; i++) {
    const a = sizes[i - 1]!;
    const b = sizes[i]!;
    const label = `${a.label} → ${b.label}`;
    rows.push(a.point && b.point ? [label, ...factors(a.point, b.point)] : [label, NOT_MEASURED, ...Array.from({ length: width - 2 }, () => '—')]);
  }
  return rows;
}

function reportTables(points: { label: string; section: string; point: ReportPoint | undefined }[]): string[] {
  const head = ['scale', 'records extracted', 'wall s', 'tree CPU s', 'CPU ms / record', 'peak PSS MB', 'measured'];
  const rows = points.map(({ label, section, point: p }) =>
    p ? [label, int(p.records), s1(p.wallMs), s1(p.treeCpuMs), perItem(p.treeCpuMs / p.records), mb(p.peakPssMb), measured(p)] : missing(label, head.length, `npm run bench -- --only ${section}`));
  const growthHead = ['from → to', 'records', 'wall', 'tree CPU', 'CPU per record', 'peak PSS'];
  const growth = growthRows(points, (a, b) => [
    times(b.records / a.records), times(b.wallMs / a.wallMs), times(b.treeCpuMs / a.treeCpuMs), times(b.treeCpuMs / b.records / (a.treeCpuMs / a.records)), times(b.peakPssMb / a.peakPssMb),
  ], growthHead.length);
  return ['### Daily report: trigger → delivered, the worker\'s process tree (node + Chromium)', '', table(head, rows), '', table(growthHead, growth), '', ...apartNote(points.map((x) => x.point))];
}

function reviewTables(points: { label: string; section: string; point: ReviewPoint | undefined }[]): string[] {
  const head = ['accounts', 'wall s', 'tree CPU s', 'CPU ms / account', 'peak PSS MB', 'registry pages / account', 'rate-limit floor s', 'wall ÷ floor', 'measured'];
  const rows = points.map(({ label, section, point: p }) =>
    p
      ? [label, s1(p.wallMs), s1(p.treeCpuMs), perItem(p.treeCpuMs / p.accounts), mb(p.peakPssMb), p.requestsPerAccount?.toFixed(2) ?? '—', p.floorMs === undefined ? '—' : s1(p.floorMs),
          p.floorRatio === undefined ? '—' : `${p.floorRatio.toFixed(2)}×`, measured(p)]
      : missing(label, head.length, `npm run bench -- --only ${section}`));
  const growthHead = ['from → to', 'accounts', 'wall', 'tree CPU', 'CPU per account', 'peak PSS', 'rate-limit floor'];
  const growth = growthRows(points, (a, b) => [
    times(b.accounts / a.accounts), times(b.wallMs / a.wallMs), times(b.treeCpuMs / a.treeCpuMs), times(b.treeCpuMs / b.accounts / (a.treeCpuMs / a.accounts)), times(b.peakPssMb / a.peakPssMb),
    a.floorMs && b.floorMs ? times(b.floorMs / a.floorMs) : '—',
  ], growthHead.length);
  return ['### Annual review end to end, the registry at its default rate limit', '', table(head, rows), '', table(growthHead, growth), '', ...apartNote(points.map((x) => x.point))];
}

function engineTables(points: Map<number, EnginePoint | undefined>): string[] {
  const head = ['accounts', 'whole pass s', 'whole pass CPU s', 'CPU µs / account', 'peak RSS MB', 'measured'];
  const sizes = [...points.entries()].map(([n, p]) => ({ label: int(n), point: p }));
  const rows = sizes.map(({ label, point: p }) =>
    p ? [label, s1(p.totalMs), s1(p.totalCpuMs), ((p.totalCpuMs * 1000) / p.accounts).toFixed(1), mb(p.peakRssMb), measured(p)] : missing(label, head.length, 'npm run bench -- --only engine'));
  const growthHead = ['from → to', 'accounts', 'whole pass', 'whole pass CPU', 'CPU per account', 'peak RSS'];
  const growth = growthRows(sizes, (a, b) => [
    times(b.accounts / a.accounts), times(b.totalMs / a.totalMs), times(b.totalCpuMs / a.totalCpuMs), times(b.totalCpuMs / b.accounts / (a.totalCpuMs / a.accounts)), times(b.peakRssMb / a.peakRssMb),
  ], growthHead.length);
  return ['### Cross-check engine alone (section 2: read + check both files, rules, tally; no browser)', '', table(head, rows), '', table(growthHead, growth), '', ...apartNote([...points.values()])];
}

/** The cost of each further item between two sizes (their difference ÷ the items' difference). */
function marginal(a: { items: number; value: number }, b: { items: number; value: number }): number {
  return (b.value - a.value) / (b.items - a.items);
}

/** Cost = fixed + per item × items, through two sizes: what a bank of another size can expect. */
function linearModel(a: { items: number; value: number }, b: { items: number; value: number }): { fixed: number; perItem: number } {
  const per = marginal(a, b);
  return { fixed: a.value - per * a.items, perItem: per };
}

function reportSizing(points: (ReportPoint | undefined)[]): string {
  const measuredPoints = points.filter((p): p is ReportPoint => p !== undefined).sort((a, b) => a.records - b.records);
  if (measuredPoints.length < 2) return `*Daily report:* ${NOT_MEASURED} at two scales yet, so no growth to size from (\`npm run bench -- --only report-small,report-medium,report-large\`).`;
  const [a, b] = measuredPoints.slice(-2) as [ReportPoint, ReportPoint];
  const model = (value: (p: ReportPoint) => number) => linearModel({ items: a.records, value: value(a) }, { items: b.records, value: value(b) });
  const cpu = model((p) => p.treeCpuMs);
  const wall = model((p) => p.wallMs);
  const pss = model((p) => p.peakPssMb);
  const smallest = measuredPoints[0]!;
  const check = measuredPoints.length >= 3
    ? ` The ${int(smallest.records)}-record run took ${s1(smallest.treeCpuMs)} s of CPU and ${mb(smallest.peakPssMb)} MB, against ${s1(cpu.fixed + cpu.perItem * smallest.records)} s and ` +
      `${mb(pss.fixed + pss.perItem * smallest.records)} MB by these lines.`
    : '';
  return `*Daily report: a fixed part, then a cost per record.* Through the two largest scales measured (${int(a.records)} and ${int(b.records)} records extracted), ` +
    `each further 100,000 records cost **${s1(cpu.perItem * 100_000)} s of CPU, ${s1(wall.perItem * 100_000)} s of wall time on this machine and ${mb(pss.perItem * 100_000)} MB of the worker tree's peak PSS**, ` +
    `on top of a fixed part of about ${s1(cpu.fixed)} s of CPU, ${s1(wall.fixed)} s and ${mb(pss.fixed)} MB that any day pays (Chromium, a browser context and a login per source, the build).${check} ` +
    `So a day of N records needs about ${mb(pss.fixed)} MB + N ÷ 100,000 × ${mb(pss.perItem * 100_000)} MB for the worker and its browser, and arrives about ${s1(wall.fixed)} s + N ÷ 100,000 × ${s1(wall.perItem * 100_000)} s after its trigger ` +
    `on 2 cores like these (the largest run used ${(b.treeCpuMs / b.wallMs).toFixed(1)} of them on average). Sources differ in cost per record, ` +
    'so this holds for a bank with the fixtures\' mix of sources; the per-source times are in section 3.';
}

/** Within this share of each other, two peaks are "flat": the difference is the run's noise, not growth. */
const FLAT_MEMORY = 0.1;

function reviewMemory(points: ReviewPoint[]): string {
  const sizes = points.map((p) => `${mb(p.peakPssMb)} MB at ${int(p.accounts)}`).join(', ');
  if (points.length < 2) return ` Memory: peak PSS ${sizes} accounts (one size measured: no growth yet).`;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (Math.abs(last.peakPssMb / first.peakPssMb - 1) <= FLAT_MEMORY) {
    return ` Memory: peak PSS ${sizes} accounts, within ${FLAT_MEMORY * 100} % of each other: between these sizes the worker tree's peak does not grow with the accounts ` +
      '(the worker and its Chromium dominate at these sizes; the build\'s own memory does grow with the accounts, see the engine below).';
  }
  const per1000 = marginal({ items: first.accounts, value: first.peakPssMb }, { items: last.accounts, value: last.peakPssMb }) * 1000;
  return ` Memory: peak PSS ${sizes} accounts (${mb(per1000)} MB per further 1,000 accounts on a straight line through them; the peak is a moment of the run, ` +
    'section 5 shows when it falls, so check a larger run before sizing far beyond the sizes measured).';
}

function reviewSizing(points: (ReviewPoint | undefined)[]): string {
  const measuredPoints = points.filter((p): p is ReviewPoint => p !== undefined).sort((a, b) => a.accounts - b.accounts);
  const withFloor = measuredPoints.filter((p) => p.floorMs !== undefined && p.floorRatio !== undefined && p.requestsPerAccount !== undefined);
  if (!withFloor.length) return `*Annual review:* ${NOT_MEASURED} with the registry's request count yet (\`npm run bench -- --only annual-review-1k,annual-review-10k\`).`;
  const big = withFloor[withFloor.length - 1]!;
  const secondsPerAccount = big.requestsPerAccount! / big.rateLimitPerSecond;
  const ratios = withFloor.map((p) => `${p.floorRatio!.toFixed(2)}× the floor at ${int(p.accounts)} accounts`).join(', ');
  const at100k = (100_000 * secondsPerAccount * big.floorRatio!) / 3600;
  const memory = reviewMemory(measuredPoints);
  return `*Annual review: bound by the registry's rate limit, not by the machine.* Each account costs ${big.requestsPerAccount!.toFixed(2)} registry pages on average (search, detail, record tabs), ` +
    `and the registry serves ${big.rateLimitPerSecond} pages/s: a floor of ${secondsPerAccount.toFixed(3)} s per account, linear in the accounts, set by the registry and not lowered by a larger machine. ` +
    `The runs took ${ratios} (wall ÷ floor: the accounts' extraction and the build, evidence screenshots included, come on top of the lookups), ` +
    `and the worker used ${(big.treeCpuMs / big.wallMs).toFixed(2)} of the 2 cores on average at ${int(big.accounts)} accounts. ` +
    `So 100,000 accounts would take about ${at100k.toFixed(1)} h at the ${int(big.accounts)}-account ratio; plan the run's start so it ends before it is needed.` + memory;
}

function engineSizing(points: Map<number, EnginePoint | undefined>): string {
  const measuredPoints = [...points.values()].filter((p): p is EnginePoint => p !== undefined);
  if (measuredPoints.length < 2) return `*Engine alone:* ${NOT_MEASURED} at two sizes yet (\`npm run bench -- --only engine\`).`;
  const [a, b] = measuredPoints.slice(-2) as [EnginePoint, EnginePoint];
  const rssPer100k = marginal({ items: a.accounts, value: a.peakRssMb }, { items: b.accounts, value: b.peakRssMb }) * 100_000;
  return `*The engine (rules on the files the bots wrote): linear, CPU and memory.* From ${int(a.accounts)} to ${int(b.accounts)} accounts its CPU per account went ${times((b.totalCpuMs / b.accounts) / (a.totalCpuMs / a.accounts))} ` +
    `(${((b.totalCpuMs * 1000) / b.accounts).toFixed(1)} µs each at ${int(b.accounts)}), and each further 100,000 accounts hold **${mb(rssPer100k)} MB** more (the lookup index and the flags kept for the mismatch sheet): ` +
    `${mb(b.peakRssMb)} MB at ${int(b.accounts)}. It is seconds next to the registry's hours.`;
}

/** Pages, lookups and stages of the 1,000-account run: no other section shows them. */
function smallReviewLine(f: AnnualReviewFigure | undefined): string[] {
  if (!f) return [];
  const src = (id: string) => f.sources.find((x) => x.botId === id);
  const accounts = src('annual-review.accounts');
  const registry = src('registry.company');
  const stage = (name: string) => (f.stages[name] === undefined ? '—' : `${s1(f.stages[name]!)} s`);
  const r = f.registryRequests;
  return [
    `The ${int(f.accounts)}-account run (\`annual-review-1k\`): ${f.status}; accounts extracted in ${accounts?.durationMs == null ? '—' : `${s1(accounts.durationMs)} s`}, ` +
      `${registry?.count == null ? '—' : int(registry.count)} registry lookups in ${registry?.durationMs == null ? '—' : `${s1(registry.durationMs)} s`}, build ${stage('build')} (evidence ${stage('evidence')}, ${f.evidenceFiles} screenshots); ` +
      `verdicts ${Object.entries(f.verdicts).map(([k, v]) => `${k} ${v}`).join(', ')}` +
      (r ? `; the registry served ${int(r.served)} pages, refused ${int(r.refused)} (429) and answered ${int(r.busy)} with a busy page.` : '.'),
    '',
  ];
}

/**
 * The section's markdown from every figure kept so far, e.g.
 * `growthMarkdown('10. How cost grows: a sizing table', loadResults(repoRoot))`.
 */
export function growthMarkdown(title: string, results: BenchResults): string {
  const reports = REPORT_SIZES.map((s) => ({ label: s.scale, section: s.section, point: reportPoint(results, s.section) }));
  const reviews = REVIEW_SIZES.map((s) => ({ label: int(s.accounts), section: s.section, point: reviewPoint(results, s.section) }));
  const engine = enginePoints(results);
  const anyKept = [...reports.map((x) => x.point), ...engine.values()].some((p) => p?.fromKeptText);
  return [
    `## ${title}`, '',
    'Issue 21, item 3: time and memory at each size, and how they grow. Each size\'s figures are the ones its own section keeps (sections 2, 3 and 5; docs/benchmarks.json), ' +
      'so this section follows them whenever one is measured again. A growth factor is the larger size\'s figure ÷ the smaller one\'s; "per record" / "per account" divides by what grew, ' +
      'so ×1.00 is linear growth, below it fixed costs spreading over more items, above it a cost growing faster than the items. Wall times follow the machine\'s load (each row says when it was measured and the 1-minute load ' +
      'then); CPU is the fairer figure. ' + (anyKept ? 'Rows marked † are read from a section kept as text (rounded as the doc wrote them then). ' : '') +
      `A size without figures says "${NOT_MEASURED}" with the command that measures it.`, '',
    ...reportTables(reports),
    ...reviewTables(reviews),
    ...smallReviewLine(results['annual-review-1k']?.data),
    ...engineTables(engine),
    '### How to size a machine', '',
    reportSizing(reports.map((x) => x.point)), '',
    reviewSizing(reviews.map((x) => x.point)), '',
    engineSizing(engine), '',
  ].join('\n');
}
