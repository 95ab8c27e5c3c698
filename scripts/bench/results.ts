// The bench's figures, kept in the repository (docs/benchmarks.json) so that `--only excel`
// refreshes one section on any machine and docs/benchmarks.md still shows every figure, each with
// when it was measured and how loaded the machine was then. `--check` compares fresh figures with
// these committed ones.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AnnualReviewFigure } from './annual-review/bench-annual-review';
import type { CompiledFigures } from './compiled/bench-compiled';
import type { EngineResult } from './engine/engine-task';
import type { ExcelResult } from './excel/excel-task';
import type { MachineInfo } from './machine';
import type { RegistryBench } from './registry/bench-registry';
import type { ReportFigure } from './report/bench-report';
import type { ReviewQueueFigure } from './review-queue/bench-review-queue';
import type { CaseRunsFigure } from './cases/bench-case-runs';
import type { WorkersFigure } from './workers/workers-section';

/** When a section was measured and what else the machine was doing. */
export interface Measured<T> {
  measuredAt: string;
  /** Load average (1, 5, 15 min) before and after. */
  loadBefore: string;
  loadAfter: string;
  data: T;
}

export interface EngineFigure extends EngineResult {
  peakRssMb: number;
}

export interface ExcelFigure extends ExcelResult {
  peakRssMb: number;
}

/** A row of the doc's targets table. */
export interface Target {
  what: string;
  target: string;
  measured: string;
  ok: boolean;
}

/**
 * A section whose structured figures were lost (they lived in var/bench/results.json, outside the
 * repository): its markdown as the doc had it, rendered verbatim until the section is measured again.
 */
export interface KeptText {
  measuredAt: string;
  /** The section's markdown from its heading on. */
  markdown: string;
  /** Its rows of the targets table. */
  targets: Target[];
}

export interface BenchResults {
  machine?: MachineInfo;
  registry?: Measured<RegistryBench>;
  engine?: Measured<EngineFigure[]>;
  'report-small'?: Measured<ReportFigure>;
  'report-medium'?: Measured<ReportFigure>;
  'report-large'?: Measured<ReportFigure>;
  excel?: Measured<ExcelFigure[]>;
  'annual-review-1k'?: Measured<AnnualReviewFigure>;
  'annual-review-10k'?: Measured<AnnualReviewFigure>;
  compiled?: Measured<CompiledFigures>;
  'review-queue-100k'?: Measured<ReviewQueueFigure>;
  workers?: Measured<WorkersFigure>;
  'case-runs-10k'?: Measured<CaseRunsFigure>;
  /** Sections kept as text only; a measured section's entry is dropped. */
  kept?: Partial<Record<SectionId, KeptText>>;
}

export type SectionId = Exclude<keyof BenchResults, 'machine' | 'kept'>;
export const SECTIONS: SectionId[] = ['registry', 'engine', 'report-small', 'report-medium', 'report-large', 'excel', 'annual-review-1k', 'annual-review-10k', 'compiled', 'review-queue-100k', 'workers', 'case-runs-10k'];

/** Committed with the doc it renders. */
export const RESULTS_PATH = 'docs/benchmarks.json';

export function resultsFile(repoRoot: string): string {
  return path.join(repoRoot, RESULTS_PATH);
}

export function loadResults(repoRoot: string): BenchResults {
  const file = resultsFile(repoRoot);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchResults) : {};
}

export function saveResults(repoRoot: string, results: BenchResults): void {
  writeFileSync(resultsFile(repoRoot), `${JSON.stringify(results, null, 2)}\n`);
}

/** A section measured now replaces its kept text. */
export function storeMeasured(results: BenchResults, section: SectionId, m: Measured<unknown>): void {
  (results as Record<string, unknown>)[section] = m;
  if (results.kept) {
    delete results.kept[section];
    if (Object.keys(results.kept).length === 0) delete results.kept;
  }
}
