import type { JobDefinition } from './define-job';
import annualReviewCheck from './annual-review-check/job';
import dailyOpsReport from './daily-ops-report/job';

/**
 * Every job opsbot runs, listed explicitly: adding a job means its folder and a line here, and
 * touches no runtime file (its schedule is in its definition). Only the composition root
 * (scripts/app) reads this list; it hands it to the runtime.
 */
export const jobs: ReadonlyMap<string, JobDefinition> = new Map([dailyOpsReport, annualReviewCheck].map((j) => [j.id, j]));
