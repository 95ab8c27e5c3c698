import { workingDaysAfter } from '../../runtime/calendar';
import type { CaseState } from '../../runtime/db';

/**
 * Working days a waiting case is past its due date, on the business calendar (due dates are set in
 * working days too); 0 when it is not overdue, or no longer waiting for anyone.
 *
 * @example overdueWorkingDays('2026-12-04', 'open', '2026-12-07') // 1: Friday due, Monday today
 */
export function overdueWorkingDays(dueOn: string, state: CaseState, today: string): number {
  if (state !== 'open' && state !== 'proposed') return 0;
  return workingDaysAfter(dueOn, today);
}
