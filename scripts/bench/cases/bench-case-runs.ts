// Issue 18, item 8: applying a 10,000-account run's flags to the cases takes under 5 s. The
// measuring runs in a child (its own PostgreSQL).

import { runChild } from '../run-child';
import type { CaseRunsResult } from './case-runs-task';

/** The bound on applying one run's flags. */
export const CASE_RUN_MAX_MS = 5_000;

export interface CaseRunsFigure extends CaseRunsResult {
  peakRssMb: number;
}

export async function benchCaseRuns(opts: { flags: number; repeats?: number; log?: (line: string) => void }): Promise<CaseRunsFigure> {
  const log = opts.log ?? console.log;
  log(`case-runs: applying runs of ${opts.flags.toLocaleString('en')} flags to the case ledger in a private PostgreSQL ...`);
  const run = await runChild<CaseRunsResult>('case-runs', { flags: opts.flags, repeats: opts.repeats ?? 3 }, { timeoutMs: 20 * 60_000 });
  const figure = { ...run.result, peakRssMb: run.peakRssMb };
  for (const r of figure.rounds) log(`  first run ${r.firstRunMs} ms (all new), next run ${r.nextRunMs} ms (${JSON.stringify(r.next)})`);
  return figure;
}
