import type { SourceRequest } from '../define-job';
import { SOURCE_BOTS } from './source-bots';

// Which earlier days the comparison needs and where a run keeps them: no I/O here, so the job's
// definition and tests use it without touching the run store (history.ts reads and writes it).

/** The comparison looks back this many business days (the spec's "mean of the previous 5"). */
export const HISTORY_DAYS = 5;

/** The option `prepare` sets: earlier business days this run extracts and computes itself. */
export const COMPUTE_HISTORY_OPTION = 'computeHistoryFor';

/** The days of `COMPUTE_HISTORY_OPTION` in a run's options (none when absent). */
export function historyDaysOf(options: Record<string, unknown>): string[] {
  const days = options[COMPUTE_HISTORY_OPTION];
  return Array.isArray(days) ? days.filter((d): d is string => typeof d === 'string') : [];
}

/** Where a run keeps what it extracted and computed for an earlier day it had no run of. */
export const historyDir = (day: string): string => `history/${day}`;

/** Where each day of the comparison came from, as the manifest records it. */
export interface HistoryDay {
  date: string;
  /** `run`: an earlier run's kpis.json; `computed`: extracted and computed by this run; `missing`: neither. */
  from: 'run' | 'computed' | 'missing';
  /** The run folder (for `run`), or what kept the day from being computed. */
  detail?: string;
}

/** Every source of the report again for each of those days, each day in its own folder. */
export function historySources(days: readonly string[]): SourceRequest[] {
  return days.flatMap((day) => Object.values(SOURCE_BOTS).map((botId) => ({ botId, input: { date: day }, dir: historyDir(day) })));
}
