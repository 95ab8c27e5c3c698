// The end of `npm run bench -- --check`: compare the fresh figures' CPU per item with the committed
// ones, print one line per figure, and give the exit code (1 when any figure is more than the
// tolerance worse). Kept apart from main.ts so the pass/fail decision is tested without measuring.

import { readFileSync } from 'node:fs';
import type { BenchResults } from '../results';
import { checkReport, compareCpu, CHECK_TOLERANCE } from './compare-cpu';
import { cpuFigures } from './cpu-figures';

export interface CheckPrinter {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Reads a results file to compare with (`--against`): a release's docs/benchmarks.json, say. */
export function readResultsFile(file: string): BenchResults {
  return JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
}

/**
 * 0 when no compared figure is more than `tolerance` worse in CPU per item, else 1, e.g.
 * `process.exitCode = runCheck(committed, fresh, 'docs/benchmarks.json', { out: console.log, err: console.error })`.
 */
export function runCheck(committed: BenchResults, fresh: BenchResults, label: string, print: CheckPrinter, tolerance = CHECK_TOLERANCE): 0 | 1 {
  const outcome = compareCpu(cpuFigures(committed), cpuFigures(fresh), tolerance);
  print.out(`\n== check: CPU per item against ${label} (fails above +${tolerance * 100} %)`);
  for (const line of checkReport(outcome, tolerance)) print.out(line);
  if (outcome.compared.length === 0) print.out('(nothing compared: the chosen sections have no committed CPU figures)');
  if (!outcome.regressions.length) return 0;
  print.err(`\n${outcome.regressions.length} figure(s) more than ${tolerance * 100} % worse in CPU per item: ${outcome.regressions.map((r) => r.name).join('; ')}`);
  return 1;
}
