// Working-day arithmetic for the PBOC's 5-working-day rule (jobs/runtime/calendar/working-days.ts).
// Expected dates counted by hand from the State Council's holiday notices (2025: National Day and
// Mid-Autumn 1–8 Oct off, Sun 28 Sep and Sat 11 Oct worked) and from a plain Monday–Friday week
// for years the calendar has no data for.
import { describe, expect, it } from 'vitest';
import { calendarCoversYear, isWorkingDay, nthWorkingDayAfter, workingDaysAfter } from '../../../jobs/runtime/calendar';

describe('isWorkingDay', () => {
  it('follows the calendar where it has data: holidays off, make-up days on', () => {
    expect(isWorkingDay('2025-10-01')).toBe(false);
    expect(isWorkingDay('2025-10-08')).toBe(false);
    expect(isWorkingDay('2025-09-28')).toBe(true); // Sunday, make-up day
    expect(isWorkingDay('2025-10-11')).toBe(true); // Saturday, make-up day
    expect(isWorkingDay('2025-10-12')).toBe(false); // plain Sunday
    expect(isWorkingDay('2025-10-09')).toBe(true);
  });

  it('counts Monday–Friday for a year the calendar does not cover, guessing no holiday', () => {
    expect(calendarCoversYear(2003)).toBe(false);
    expect(calendarCoversYear(2099)).toBe(false);
    expect(calendarCoversYear(2025)).toBe(true);
    expect(isWorkingDay('2003-10-01')).toBe(true); // a Wednesday: National Day, but 2003 has no data
    expect(isWorkingDay('2003-10-04')).toBe(false); // Saturday
    expect(isWorkingDay('2099-10-01')).toBe(true);
  });

  it('refuses what is not a date', () => {
    expect(() => isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => nthWorkingDayAfter('2025/10/01', 5)).toThrow(RangeError);
    expect(() => workingDaysAfter('2025-10-01', 'tomorrow')).toThrow(RangeError);
    expect(() => nthWorkingDayAfter('2025-10-01', 0)).toThrow(RangeError);
  });
});

describe('nthWorkingDayAfter (the 5th working day: the deadline)', () => {
  it.each([
    // Friday before the National Day week: 28 Sep (Sun, worked), 29, 30 Sep, then 9, 10 Oct.
    ['2025-09-26', '2025-10-10'],
    // The make-up Sunday itself: 29, 30 Sep, 9, 10 Oct, 11 Oct (Sat, worked).
    ['2025-09-28', '2025-10-11'],
    // The make-up Saturday: 13–17 Oct.
    ['2025-10-11', '2025-10-17'],
    // 2003 has no data: Mon–Fri, 1–3 Oct counted (no holiday guessed).
    ['2003-09-26', '2003-10-03'],
    // From an uncovered year into a covered one: 30, 31 Dec 2003, then 2 Jan (1 Jan 2004 is off), 5, 6 Jan.
    ['2003-12-29', '2004-01-06'],
    // A year not yet published: Mon–Fri.
    ['2099-09-25', '2099-10-02'],
  ])('%s → %s', (date, due) => {
    expect(nthWorkingDayAfter(date, 5)).toBe(due);
  });
});

describe('workingDaysAfter (days after a date, up to and including another)', () => {
  it.each([
    // 11 Oct (make-up Saturday), 13–17, 20–24, 27–31 Oct.
    ['2025-10-10', '2025-10-31', 16],
    ['2025-10-17', '2025-10-31', 10],
    ['2025-10-10', '2025-10-11', 1],
    ['2025-10-10', '2025-10-10', 0],
    ['2025-10-31', '2025-10-10', 0],
    // Across the holiday week: 30 Sep, then 9 Oct.
    ['2025-09-29', '2025-10-09', 2],
    // 2003 Mon–Fri from 6 Oct: October 20, November 20, December 23; then 2 and 5 Jan 2004.
    ['2003-10-03', '2003-12-31', 63],
    ['2003-10-03', '2004-01-05', 65],
  ])('%s → %s: %i', (after, upTo, n) => {
    expect(workingDaysAfter(after, upTo)).toBe(n);
  });

  it('agrees with counting day by day across many years', () => {
    let byDay = 0;
    for (let at = Date.parse('2008-05-12T00:00:00Z') + 86_400_000; at <= Date.parse('2026-11-20T00:00:00Z'); at += 86_400_000) {
      if (isWorkingDay(new Date(at).toISOString().slice(0, 10))) byDay++;
    }
    expect(byDay).toBeGreaterThan(4000);
    expect(workingDaysAfter('2008-05-12', '2026-11-20')).toBe(byDay);
  });
});
