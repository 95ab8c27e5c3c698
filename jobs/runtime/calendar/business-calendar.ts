import { createRequire } from 'node:module';
import { localDateTimeOf } from '../../../bots/records';

/**
 * Mainland China business days: public holidays and make-up working days (调休), from the
 * `chinese-days` package (data from the State Council's yearly holiday notices; update the package
 * when a new year's notice is out). A year without data fails loudly: treating an unknown year's
 * holidays as working days would send reports on Spring Festival.
 */
interface CalendarData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as CalendarData;
const YEARS = new Set(Object.keys(data.holidays).map((d) => d.slice(0, 4)));

export class CalendarDataMissingError extends Error {
  override name = 'CalendarDataMissingError';
}

/** The years the calendar knows (holidays and make-up days published). */
export function calendarYears(): number[] {
  return [...YEARS].map(Number).sort((a, b) => a - b);
}

/** Whether the calendar holds `year`'s holidays and make-up days (working-days.ts counts Monday–Friday otherwise). */
export function calendarCoversYear(year: number): boolean {
  return YEARS.has(String(year));
}

function assertYear(date: string): void {
  const year = date.slice(0, 4);
  if (!YEARS.has(year)) {
    throw new CalendarDataMissingError(
      `no holiday data for ${year} (known: ${calendarYears().join(', ')}): update the chinese-days package once the State Council publishes ${year}'s holidays`,
    );
  }
}

/** Is `YYYY-MM-DD` a working day in mainland China? */
export function isBusinessDay(date: string): boolean {
  assertYear(date);
  if (data.workdays[date]) return true;
  if (data.holidays[date]) return false;
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** Why a day is closed: "a public holiday, National Day 国庆节", "a Saturday"; undefined on a business day. */
export function closedDayReason(date: string): string | undefined {
  if (isBusinessDay(date)) return undefined;
  const holiday = data.holidays[date];
  // The package writes "National Day,国庆节,3" (English, Chinese, length in days).
  if (holiday) return `a public holiday, ${holiday.split(',').slice(0, 2).join(' ')}`;
  return new Date(`${date}T00:00:00Z`).getUTCDay() === 0 ? 'a Sunday' : 'a Saturday';
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The business day before `date` (the data date a morning run on `date` covers). */
export function previousBusinessDay(date: string): string {
  let d = addDays(date, -1);
  for (let i = 0; i < 40; i++, d = addDays(d, -1)) if (isBusinessDay(d)) return d;
  throw new Error(`no business day in the 40 days before ${date}`);
}

/** The n business days before `date`, nearest first. */
export function previousBusinessDays(date: string, n: number): string[] {
  const out: string[] = [];
  let d = date;
  while (out.length < n) out.push((d = previousBusinessDay(d)));
  return out;
}

/** Today's date in Asia/Shanghai, where the bank's day is. */
export function todayInShanghai(now = new Date()): string {
  return localDateTimeOf(now).slice(0, 10);
}
