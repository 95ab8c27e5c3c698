// One function per section of docs/benchmarks.md: runs its children and returns the figures.

import os from 'node:os';
import path from 'node:path';
import { benchAnnualReview, type AnnualReviewFigure } from './annual-review/bench-annual-review';
import { benchCompiled, type CompiledFigures } from './compiled/bench-compiled';
import type { Scale } from '../../fixtures/generator/scale';
import type { EngineDataset } from './engine/dataset';
import type { EngineResult } from './engine/engine-task';
import type { ExcelResult } from './excel/excel-task';
import { benchRegistry, type RegistryBench } from './registry/bench-registry';
import { benchReport, type ReportFigure } from './report/bench-report';
import { benchReviewQueue, type ReviewQueueFigure } from './review-queue/bench-review-queue';
import { benchCaseRuns, type CaseRunsFigure } from './cases/bench-case-runs';
import type { EngineFigure, ExcelFigure } from './results';
import { runChild } from './run-child';
import { runWorkersBench } from './workers/run-workers-bench';
import type { FailoverPause, WorkersFigure } from './workers/workers-section';

export interface BenchOptions {
  repoRoot: string;
  lookups: number;
  /** Registry lookups of each contender that renders every page (issue 21: 200, as 2,000 took 20 min of both cores). */
  browserLookups: number;
  concurrency: number;
  engineSizes: number[];
  excelRows: number;
  /** Accounts of the annual-review end-to-end section (issue 7: 10,000). */
  reviewAccounts: number;
  /** Cases of the review-queue section (issue 18: 100,000). */
  reviewCases: number;
  /** Flags per run of the case-runs section (issue 18: 10,000). */
  caseFlags: number;
  /** Daily-report flows each fleet of the workers section runs (issue 20: 6). */
  workersFlows: number;
  log: (line: string) => void;
}

export function registrySection(o: BenchOptions): Promise<RegistryBench> {
  return benchRegistry({ lookups: o.lookups, browserLookups: o.browserLookups, concurrency: o.concurrency, log: o.log });
}

export async function engineSection(o: BenchOptions): Promise<EngineFigure[]> {
  const figures: EngineFigure[] = [];
  // Generated once per size and kept: a million accounts take minutes to generate.
  const dataDir = path.join(o.repoRoot, 'var', 'bench', 'data');
  for (const accounts of o.engineSizes) {
    o.log(`engine: ${accounts} accounts (dataset in ${dataDir}) ...`);
    const dataset = (await runChild<EngineDataset>('engine-dataset', { dir: dataDir, seed: 42, accounts })).result;
    const run = await runChild<EngineResult>('engine', dataset);
    const figure = { ...run.result, peakRssMb: run.peakRssMb };
    o.log(`  rules ${(figure.rulesMs / 1000).toFixed(2)} s (CPU ${(figure.rulesCpuMs / 1000).toFixed(2)} s), whole pass ${(figure.totalMs / 1000).toFixed(1)} s, peak RSS ${figure.peakRssMb.toFixed(0)} MB`);
    figures.push(figure);
  }
  return figures;
}

export function reportSection(scale: Scale, o: BenchOptions): Promise<ReportFigure> {
  return benchReport(scale, o.log);
}

export async function excelSection(o: BenchOptions): Promise<ExcelFigure[]> {
  const figures: ExcelFigure[] = [];
  for (const writer of ['exceljs', 'opsbot'] as const) {
    o.log(`excel: ${o.excelRows} rows through ${writer} ...`);
    const run = await runChild<ExcelResult>('excel', { writer, rows: o.excelRows, dir: os.tmpdir() });
    const figure = { ...run.result, peakRssMb: run.peakRssMb };
    o.log(`  ${(figure.writeMs / 1000).toFixed(1)} s (CPU ${(figure.cpuMs / 1000).toFixed(1)} s), peak RSS ${figure.peakRssMb.toFixed(0)} MB`);
    figures.push(figure);
  }
  return figures;
}

export function annualReviewSection(o: BenchOptions): Promise<AnnualReviewFigure> {
  return benchAnnualReview({ accounts: o.reviewAccounts, log: o.log });
}

/** Issue 21, item 3: the same run at 1,000 accounts, the small end of "how cost grows". */
export const SMALL_REVIEW_ACCOUNTS = 1_000;

export function annualReviewSmallSection(o: BenchOptions): Promise<AnnualReviewFigure> {
  return benchAnnualReview({ accounts: SMALL_REVIEW_ACCOUNTS, log: o.log });
}

/** Start-up from dist/ and the engine's fast paths compiled in and out (100,000 accounts, as the engine's target). */
export function compiledSection(o: BenchOptions): Promise<CompiledFigures> {
  return benchCompiled({ repoRoot: o.repoRoot, fastPathAccounts: 100_000, log: o.log });
}

/** Issue 18: the workbench's queue over 100,000 cases in PostgreSQL, each filter under 200 ms. */
export function reviewQueueSection(o: BenchOptions): Promise<ReviewQueueFigure> {
  return benchReviewQueue({ cases: o.reviewCases, log: o.log });
}

/** Issue 18: a 10,000-account run's flags applied to the case ledger in under 5 s. */
export function caseRunsSection(o: BenchOptions): Promise<CaseRunsFigure> {
  return benchCaseRuns({ flags: o.caseFlags, log: o.log });
}

/** Issue 20: daily-report flows per hour with 1, 2 and 4 worker processes; the failover pauses are carried over (the Sentinel test prints them). */
export function workersSection(o: BenchOptions, failovers: FailoverPause[]): Promise<WorkersFigure> {
  return runWorkersBench({ repoRoot: o.repoRoot, flows: o.workersFlows, failovers, log: o.log });
}
