/**
 * A job's schedule as declared in code. The cron fires every day at the given local time; whether
 * that day is a working day is the business calendar's question (a weekday-only cron would miss
 * make-up Saturdays and fire on Spring Festival).
 */
export interface ScheduleDefinition {
  job: string;
  /** Five-field cron in `tz`, e.g. `30 7 * * *`. */
  cron: string;
  tz: string;
  /** Fire only on mainland-China business days (holidays skipped, make-up days run). */
  businessDaysOnly: boolean;
  /** Which data date a fire covers: the business day before the fire's local date. */
  dataDate: 'previous-business-day';
  /** A fire found late by up to this much (all workers were down) still runs; later ones are skipped and alerted. */
  catchUpMs: number;
}

const HOUR = 3_600_000;

/** The declared schedules; admins override cron / tz / paused with `opsbot schedule`. */
export const SCHEDULES: readonly ScheduleDefinition[] = [
  { job: 'daily-ops-report', cron: '30 7 * * *', tz: 'Asia/Shanghai', businessDaysOnly: true, dataDate: 'previous-business-day', catchUpMs: 6 * HOUR },
  { job: 'annual-review-check', cron: '0 2 * * *', tz: 'Asia/Shanghai', businessDaysOnly: true, dataDate: 'previous-business-day', catchUpMs: 12 * HOUR },
];

export function scheduleDefinition(job: string): ScheduleDefinition {
  const def = SCHEDULES.find((s) => s.job === job);
  if (!def) throw new Error(`no schedule for ${JSON.stringify(job)}; scheduled jobs: ${SCHEDULES.map((s) => s.job).join(', ')}`);
  return def;
}
