import { dateInZone, isBusinessDay, isoInZone, previousBusinessDay } from '../calendar';
import { cronInstants } from './cron-expression';
import type { EffectiveSchedule } from './effective-schedule';

export interface PlannedFire {
  at: Date;
  /** ISO date-time in the schedule's zone, as `schedule next` prints it. */
  iso: string;
  dataDate: string;
}

/** Enough to cross the longest closure (Spring Festival, ~9 days) many times over; guards a cron that never matches. */
const MAX_CANDIDATES = 5_000;

/**
 * The next `count` fires of a schedule after `from`, skipping days the calendar closes, each with
 * the data date it covers. A year the calendar has no data for throws (never guessed).
 */
export function nextFires(schedule: Pick<EffectiveSchedule, 'cron' | 'tz' | 'businessDaysOnly'>, from: Date, count: number): PlannedFire[] {
  const out: PlannedFire[] = [];
  let seen = 0;
  for (const at of cronInstants(schedule.cron, schedule.tz, from)) {
    if (out.length >= count) break;
    if (++seen > MAX_CANDIDATES) throw new Error(`cron ${schedule.cron} found only ${out.length} business-day fires in ${MAX_CANDIDATES} candidates`);
    const localDate = dateInZone(at, schedule.tz);
    if (schedule.businessDaysOnly && !isBusinessDay(localDate)) continue;
    out.push({ at, iso: isoInZone(at, schedule.tz), dataDate: previousBusinessDay(localDate) });
  }
  return out;
}

/** Every cron instant in (from, to] — business day or not; the caller decides per fire. */
export function firesBetween(schedule: Pick<EffectiveSchedule, 'cron' | 'tz'>, from: Date, to: Date): Date[] {
  const out: Date[] = [];
  for (const at of cronInstants(schedule.cron, schedule.tz, from)) {
    if (at > to || out.length >= MAX_CANDIDATES) break;
    out.push(at);
  }
  return out;
}
