// Results kept between bench runs (var/bench/results.json), so `--only excel` refreshes one
// section and docs/benchmarks.md still shows every figure, each with when it was measured and
// how loaded the machine was then.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

export interface BenchResults {
  machine?: MachineInfo;
  registry?: Measured<RegistryBench>;
  engine?: Measured<EngineFigure[]>;
  'report-medium'?: Measured<ReportFigure>;
  'report-large'?: Measured<ReportFigure>;
  excel?: Measured<ExcelFigure[]>;
  'annual-review-10k'?: Measured<AnnualReviewFigure>;
  compiled?: Measured<CompiledFigures>;
  'review-queue-100k'?: Measured<ReviewQueueFigure>;
  'case-runs-10k'?: Measured<CaseRunsFigure>;
}

export type SectionId = Exclude<keyof BenchResults, 'machine'>;
export const SECTIONS: SectionId[] = ['registry', 'engine', 'report-medium', 'report-large', 'excel', 'annual-review-10k', 'compiled', 'review-queue-100k', 'case-runs-10k'];

export function resultsFile(repoRoot: string): string {
  return path.join(repoRoot, 'var', 'bench', 'results.json');
}

export function loadResults(repoRoot: string): BenchResults {
  const file = resultsFile(repoRoot);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchResults) : {};
}

export function saveResults(repoRoot: string, results: BenchResults): void {
  const file = resultsFile(repoRoot);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
