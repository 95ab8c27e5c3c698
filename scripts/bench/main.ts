// npm run bench [-- --only registry,engine,report-small,report-medium,report-large,excel,annual-review-1k,annual-review-10k,compiled,review-queue-100k,workers,case-runs-10k] [--lookups 2000]
//   [--concurrency 4] [--engine-sizes 10000,100000,1000000] [--excel-rows 100000] [--review-accounts 10000] [--review-cases 100000] [--workers-flows 6]
//   [--case-flags 10000] [--render-only] [--check [--write] [--against <results.json>]]
//
// Runs the benchmarks (each measured task in its own child process), keeps the figures in
// docs/benchmarks.json (committed) and writes docs/benchmarks.md from all figures measured so far.
// --check measures the chosen sections and compares each figure's CPU per item with the committed
// one: exit 1 naming every figure more than 25 % worse; it writes nothing to docs/ unless --write.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { loadAverage, machineInfo } from './machine';
import { renderBenchmarksDoc } from './render-doc';
import { CHECK_TOLERANCE } from './check/compare-cpu';
import { readResultsFile, runCheck } from './check/run-check';
import { loadResults, RESULTS_PATH, saveResults, SECTIONS, storeMeasured, type BenchResults, type Measured, type SectionId } from './results';
import { annualReviewSection, annualReviewSmallSection, compiledSection, engineSection, excelSection, registrySection, reportSection, reviewQueueSection, caseRunsSection, workersSection, type BenchOptions } from './sections';
import { KNOWN_FAILOVERS } from './workers/workers-section';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const positiveInts = (text: string): number[] =>
  text.split(',').map((s) => {
    const n = Number(s.trim().replace(/_/gu, ''));
    if (!Number.isInteger(n) || n <= 0) throw new Error(`not a positive whole number: ${JSON.stringify(s)}`);
    return n;
  });

async function measured<T>(run: () => Promise<T>): Promise<Measured<T>> {
  const loadBefore = loadAverage();
  const measuredAt = new Date().toISOString();
  const data = await run();
  return { measuredAt, loadBefore, loadAfter: loadAverage(), data };
}

async function main(): Promise<void> {
  const cli = new Command('bench')
    .option('--only <sections>', `comma-separated: ${SECTIONS.join(',')}`, SECTIONS.join(','))
    .option('--lookups <n>', 'registry lookups per contender that reads over HTTP', '2000')
    .option('--browser-lookups <n>', 'registry lookups per contender that renders every page (PlaywrightCrawler, bare Playwright)', '200')
    .option('--concurrency <n>', 'parallel pages / requests of every registry contender', '4')
    .option('--engine-sizes <list>', 'accounts per engine run', '10000,100000,1000000')
    .option('--excel-rows <n>', 'rows of the Excel detail sheet', '100000')
    .option('--review-accounts <n>', 'accounts of the annual-review end-to-end run (annual-review-10k)', '10000')
    .option('--review-cases <n>', 'cases seeded for the workbench queue section (review-queue-100k)', '100000')
    .option('--case-flags <n>', 'flags per run of the case-ledger section (case-runs-10k)', '10000')
    .option('--workers-flows <n>', 'daily-report flows per fleet of the workers section', '6')
    .option('--render-only', `measure nothing: rewrite docs/benchmarks.md from ${RESULTS_PATH}`)
    .option('--check', `compare the fresh figures' CPU per item with ${RESULTS_PATH}: exit 1 if one is more than ${CHECK_TOLERANCE * 100} % worse; writes nothing unless --write`)
    .option('--write', 'with --check: also keep the fresh figures and rewrite the doc')
    .option('--against <file>', `with --check: compare with this results file (a release's ${RESULTS_PATH}) instead of ${RESULTS_PATH}`)
    .parse();
  const opts = cli.opts<{ only: string; lookups: string; browserLookups: string; concurrency: string; engineSizes: string; excelRows: string; reviewAccounts: string; reviewCases: string; caseFlags: string; workersFlows: string; renderOnly?: boolean; check?: boolean; write?: boolean; against?: string }>();
  if (opts.check && opts.renderOnly) throw new Error('--check measures; --render-only measures nothing: choose one');
  if (opts.against && !opts.check) throw new Error('--against names what --check compares with: give --check too');
  const only = opts.renderOnly ? [] : opts.only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only.filter((s) => !SECTIONS.includes(s as SectionId));
  if (unknown.length) throw new Error(`unknown section(s) ${unknown.join(', ')}; known: ${SECTIONS.join(', ')}`);
  const o: BenchOptions = {
    repoRoot,
    lookups: positiveInts(opts.lookups)[0]!,
    browserLookups: positiveInts(opts.browserLookups)[0]!,
    concurrency: positiveInts(opts.concurrency)[0]!,
    engineSizes: positiveInts(opts.engineSizes),
    excelRows: positiveInts(opts.excelRows)[0]!,
    reviewAccounts: positiveInts(opts.reviewAccounts)[0]!,
    reviewCases: positiveInts(opts.reviewCases)[0]!,
    caseFlags: positiveInts(opts.caseFlags)[0]!,
    workersFlows: positiveInts(opts.workersFlows)[0]!,
    log: (line) => console.log(line),
  };
  const results: BenchResults = loadResults(repoRoot);
  // Copied before measuring: with --write the fresh figures replace these in `results`.
  const committed: BenchResults = opts.against ? readResultsFile(opts.against) : structuredClone(results);
  const writing = !opts.check || opts.write === true;
  if (only.length && writing) results.machine = machineInfo(repoRoot);
  const runners: Record<SectionId, () => Promise<unknown>> = {
    registry: () => registrySection(o),
    engine: () => engineSection(o),
    'report-small': () => reportSection('small', o),
    'report-medium': () => reportSection('medium', o),
    'report-large': () => reportSection('large', o),
    excel: () => excelSection(o),
    'annual-review-1k': () => annualReviewSmallSection(o),
    'annual-review-10k': () => annualReviewSection(o),
    compiled: () => compiledSection(o),
    'review-queue-100k': () => reviewQueueSection(o),
    workers: () => workersSection(o, results.workers?.data.failovers ?? KNOWN_FAILOVERS),
    'case-runs-10k': () => caseRunsSection(o),
  };
  const fresh: BenchResults = {};
  for (const section of SECTIONS.filter((s) => only.includes(s))) {
    console.log(`== ${section} (load ${loadAverage()})`);
    const m = await measured(runners[section]);
    storeMeasured(fresh, section, m);
    if (!writing) continue;
    // Re-read the kept figures before adding this section's: another bench (a long, rate-bound
    // one) may have kept its own since this one started, and must not be overwritten.
    const latest = { ...loadResults(repoRoot), ...(results.machine ? { machine: results.machine } : {}) };
    storeMeasured(latest, section, m);
    saveResults(repoRoot, latest);
    Object.assign(results, latest);
    writeFileSync(path.join(repoRoot, 'docs', 'benchmarks.md'), renderBenchmarksDoc(latest));
  }
  if (writing) {
    writeFileSync(path.join(repoRoot, 'docs', 'benchmarks.md'), renderBenchmarksDoc(loadResults(repoRoot)));
    console.log(`docs/benchmarks.md written (figures kept in ${RESULTS_PATH})`);
  }
  if (opts.check) {
    const label = opts.against ?? RESULTS_PATH;
    process.exitCode = runCheck(committed, fresh, label, { out: (line) => console.log(line), err: (line) => console.error(line) });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
