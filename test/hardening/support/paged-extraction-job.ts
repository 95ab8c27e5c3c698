import { jobs } from '../../../jobs';
import { defineJob, type JobDefinition } from '../../../jobs/define-job';
import { faultTestJob } from '../../integration/jobs/support/test-job';

export const PAGED_JOB = 'full-disk-test-report';

/**
 * The fault-test job, but its one source reads core banking's transactions page by page (10 rows a
 * page): the JSONL stream is written in small pieces with page loads in between, so a write error
 * arrives while no write is being awaited — the case that crashed a worker on a full disk.
 */
export const pagedExtractionJob: JobDefinition = defineJob({
  id: PAGED_JOB,
  title: 'full disk test',
  sources: ({ date }) => [{ botId: 'core-banking.transactions', input: { date, via: 'pages', pageSize: 10 } }],
  build: (ctx) => faultTestJob.build(ctx),
});

/** Adds the job to this process's job registry (a Map behind a read-only type). */
export function registerPagedExtractionJob(): void {
  (jobs as Map<string, JobDefinition>).set(PAGED_JOB, pagedExtractionJob);
}
