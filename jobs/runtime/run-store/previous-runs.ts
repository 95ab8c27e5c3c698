import { statusRank } from './manifest';
import type { RunStore } from './run-store';

/**
 * Finished runs of a job before the one being made, newest first: what a job's prepare and build
 * look back on (history, previous mismatches). Belongs to the run store, which keeps them; jobs
 * see it through their contexts (define-job.ts).
 */
export type PreviousRuns = (limit: number) => Promise<{ dataDate: string; runDir: string }[]>;

/**
 * The finished runs a run of (job, date, revision) may look back on, newest date first: earlier
 * dates, and earlier revisions of the same date. Within a date the one `latest` names comes first
 * (best status, then newest), so history and "previous mismatches" read the revision that stands
 * for that day, not a later one that finished worse.
 */
export function previousRunsOf(store: RunStore, job: string, date: string, revision: number): PreviousRuns {
  return async (limit) =>
    (await store.list({ job }))
      .filter((m) => m.dataDate < date || (m.dataDate === date && m.revision < revision))
      .sort((a, b) => b.dataDate.localeCompare(a.dataDate) || statusRank(b.status) - statusRank(a.status) || b.revision - a.revision)
      .slice(0, limit)
      .map((m) => ({ dataDate: m.dataDate, runDir: store.runDir(m.job, m.dataDate, m.revision) }));
}
