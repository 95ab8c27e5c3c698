import { calendarCoversYear, isBusinessDay } from './business-calendar';
import { isCalendarDate } from './calendar-date';

/**
 * Deadlines counted in working days (the PBOC's "5 working days to bring a change to the bank"):
 * public holidays off and make-up days (调休) on, from the business calendar, where it has the
 * year's holiday notice; Monday–Friday for a year it does not cover (before its data begins, or
 * not yet published). isBusinessDay refuses such a year, rightly for scheduling a run; a deadline
 * from a change registered in 2003 is still wanted, and the annual-review spec says how to count it.
 *
 * Example:
 *   nthWorkingDayAfter('2025-09-26', 5)          // '2025-10-10': Sun 28 Sep works, 1–8 Oct are off
 *   workingDaysAfter('2025-10-10', '2025-10-17') // 6: Sat 11 Oct (make-up day) and 13–17 Oct
 */

const DAY_MS = 86_400_000;

function assertDate(date: string): void {
  if (!isCalendarDate(date)) throw new RangeError(`not a date: ${JSON.stringify(date)} (expected YYYY-MM-DD)`);
}

function isWeekday(date: string): boolean {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** Is `YYYY-MM-DD` a working day: the business calendar where it has data, Monday–Friday elsewhere. */
export function isWorkingDay(date: string): boolean {
  assertDate(date);
  return calendarCoversYear(Number(date.slice(0, 4))) ? isBusinessDay(date) : isWeekday(date);
}

/**
 * Per year, running totals: `totals[i]` = working days from 1 January up to and including day i
 * (0-based). An overdue count from a change years ago is then a few look-ups, not a walk over
 * thousands of days for each of thousands of flags.
 */
const runningTotals = new Map<number, Uint16Array>();

function totalsOf(year: number): Uint16Array {
  let totals = runningTotals.get(year);
  if (totals) return totals;
  const start = Date.UTC(year, 0, 1);
  const days = (Date.UTC(year + 1, 0, 1) - start) / DAY_MS;
  totals = new Uint16Array(days);
  let count = 0;
  for (let i = 0; i < days; i++) {
    if (isWorkingDay(new Date(start + i * DAY_MS).toISOString().slice(0, 10))) count++;
    totals[i] = count;
  }
  runningTotals.set(year, totals);
  return totals;
}

/** Working days from 1 January of `date`'s year up to and including `date`. */
function workingDaysIntoYear(date: string): number {
  const year = Number(date.slice(0, 4));
  const dayOfYear = (Date.parse(`${date}T00:00:00Z`) - Date.UTC(year, 0, 1)) / DAY_MS;
  return totalsOf(year)[dayOfYear] ?? 0;
}

/** The working days d with `after` < d ≤ `upTo`; 0 when `upTo` is not after `after`. */
export function workingDaysAfter(after: string, upTo: string): number {
  assertDate(after);
  assertDate(upTo);
  if (upTo <= after) return 0;
  let count = workingDaysIntoYear(upTo) - workingDaysIntoYear(after);
  for (let year = Number(after.slice(0, 4)); year < Number(upTo.slice(0, 4)); year++) count += totalsOf(year).at(-1) ?? 0;
  return count;
}

/** The n-th working day after `date` (`date` itself not counted); n ≥ 1. */
export function nthWorkingDayAfter(date: string, n: number): string {
  assertDate(date);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a whole number ≥ 1, got ${n}`);
  let at = Date.parse(`${date}T00:00:00Z`);
  for (let found = 0; found < n; ) {
    at += DAY_MS;
    if (isWorkingDay(new Date(at).toISOString().slice(0, 10))) found++;
  }
  return new Date(at).toISOString().slice(0, 10);
}
