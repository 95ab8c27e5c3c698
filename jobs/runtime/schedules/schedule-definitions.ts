/**
 * When a job runs, as its definition declares it (`schedule` in jobs/<job>/job.ts). The cron fires
 * every day at the given local time; whether that day is a working day is the business calendar's
 * question (a weekday-only cron would miss make-up Saturdays and fire on Spring Festival).
 */
export interface JobSchedule {
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

/** A job's declared schedule with the job's id: the code default admins override with `opsbot schedule`. */
export interface ScheduleDefinition extends JobSchedule {
  job: string;
}

/** The declared schedules of the jobs that have one, in the registry's order. */
export function schedulesOf(jobs: ReadonlyMap<string, { schedule?: JobSchedule }>): ScheduleDefinition[] {
  return [...jobs].flatMap(([job, def]) => (def.schedule ? [{ job, ...def.schedule }] : []));
}

export function scheduleDefinition(schedules: readonly ScheduleDefinition[], job: string): ScheduleDefinition {
  const def = schedules.find((s) => s.job === job);
  if (!def) throw new Error(`no schedule for ${JSON.stringify(job)}; scheduled jobs: ${schedules.map((s) => s.job).join(', ')}`);
  return def;
}
