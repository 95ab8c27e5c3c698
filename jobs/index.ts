import type { JobDefinition } from './define-job';
import annualReviewCheck from './annual-review-check/job';
import dailyOpsReport from './daily-ops-report/job';

/** Every job opsbot runs, listed explicitly. */
export const jobs: ReadonlyMap<string, JobDefinition> = new Map([dailyOpsReport, annualReviewCheck].map((j) => [j.id, j]));

export function getJob(id: string): JobDefinition {
  const job = jobs.get(id);
  if (!job) throw new Error(`unknown job ${JSON.stringify(id)}; jobs: ${[...jobs.keys()].join(', ')}`);
  return job;
}
