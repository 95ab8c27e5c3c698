import { dateInZone, isBusinessDay, previousBusinessDay } from '../calendar';
import type { ScheduleDefinition } from './schedule-definitions';

export type FireDecision =
  | { action: 'run'; localDate: string; dataDate: string }
  | { action: 'closed'; localDate: string }
  | { action: 'too-late'; localDate: string; dataDate: string; lateByMs: number };

/**
 * What a fire at `fireAt`, handled at `now`, should do: run for its data date, skip a day the
 * calendar closes, or — when it is handled later than the catch-up window allows (every worker was
 * down) — skip and alert. Pure: the calendar is the only thing it asks.
 *
 * @example // 07:30 on Tue 2026-02-24 in Shanghai, the first day after Spring Festival, covers Sat 2026-02-14 (a make-up day)
 * decideFire(dailyOps, new Date('2026-02-23T23:30:00Z'), now) // { action: 'run', localDate: '2026-02-24', dataDate: '2026-02-14' }
 */
export function decideFire(schedule: Pick<ScheduleDefinition, 'tz' | 'businessDaysOnly' | 'catchUpMs'>, fireAt: Date, now: Date): FireDecision {
  const localDate = dateInZone(fireAt, schedule.tz);
  if (schedule.businessDaysOnly && !isBusinessDay(localDate)) return { action: 'closed', localDate };
  const dataDate = previousBusinessDay(localDate);
  const lateByMs = now.getTime() - fireAt.getTime();
  if (lateByMs > schedule.catchUpMs) return { action: 'too-late', localDate, dataDate, lateByMs };
  return { action: 'run', localDate, dataDate };
}
