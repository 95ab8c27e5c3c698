import type { PreviousRuns } from '../../define-job';
import type { RunStore } from './run-store';

/**
 * The finished runs a run of (job, date, revision) may look back on, newest first: earlier dates,
 * and earlier revisions of the same date.
 */
export function previousRunsOf(store: RunStore, job: string, date: string, revision: number): PreviousRuns {
  return async (limit) =>
    (await store.list({ job }))
      .filter((m) => m.dataDate < date || (m.dataDate === date && m.revision < revision))
      .slice(0, limit)
      .map((m) => ({ dataDate: m.dataDate, runDir: store.runDir(m.job, m.dataDate, m.revision) }));
}
