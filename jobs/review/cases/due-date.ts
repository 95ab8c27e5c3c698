import { nthWorkingDayAfter } from '../../runtime/calendar/working-days';
import type { Severity } from '../../runtime/db';
import type { CaseSettings } from './case-settings';

/**
 * A case's due date: its creation day plus the severity's working days on the business calendar
 * (holidays off, make-up days on; Monday–Friday for a year the calendar does not cover).
 *
 * @example caseDueDate('2025-09-30', 'high', settings) // '2025-10-13': 1–8 Oct are the National Day holiday, Sat 11 Oct works
 */
export function caseDueDate(createdOn: string, severity: Severity, settings: Pick<CaseSettings, 'slaWorkingDays'>): string {
  return nthWorkingDayAfter(createdOn, settings.slaWorkingDays[severity]);
}
