// Issue 18's scale figure for the workbench: 我的待办 and 待复核 over 100,000 cases answer in
// under 200 ms of server time with filters. The measuring runs in a child (its own PostgreSQL).

import { runChild } from '../run-child';
import type { ReviewQueueResult } from './review-queue-task';

/** The bound on one queue page's server time. */
export const QUEUE_MAX_MS = 200;

export interface ReviewQueueFigure extends ReviewQueueResult {
  peakRssMb: number;
}

export async function benchReviewQueue(opts: { cases: number; repeats?: number; log?: (line: string) => void }): Promise<ReviewQueueFigure> {
  const log = opts.log ?? console.log;
  log(`review-queue: seeding ${opts.cases.toLocaleString('en')} cases in a private PostgreSQL ...`);
  const run = await runChild<ReviewQueueResult>('review-queue', { cases: opts.cases, repeats: opts.repeats ?? 30 }, { timeoutMs: 20 * 60_000 });
  const figure = { ...run.result, peakRssMb: run.peakRssMb };
  log(`  seeded in ${(figure.seedMs / 1000).toFixed(1)} s (PostgreSQL ${figure.postgresVersion})`);
  for (const s of figure.scenarios) log(`  ${s.name}: ${s.total} rows, median ${s.medianMs.toFixed(1)} ms, p95 ${s.p95Ms.toFixed(1)} ms`);
  return figure;
}
