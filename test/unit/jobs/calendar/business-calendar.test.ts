import { describe, expect, it } from 'vitest';
import { CalendarDataMissingError, calendarYears, isBusinessDay, previousBusinessDay, todayInShanghai } from '../../../../jobs/runtime/calendar';

// Dates from the State Council's holiday notices (国务院办公厅关于2025年/2026年部分节假日安排的通知),
// written here by hand so the calendar's data source is checked against the notices.
describe('business calendar 2025', () => {
  it('Spring Festival 1/28–2/4 closed, make-up Sunday 1/26 and Saturday 2/8 open', () => {
    for (const d of ['2025-01-28', '2025-01-29', '2025-01-31', '2025-02-03', '2025-02-04']) expect(isBusinessDay(d), d).toBe(false);
    expect(isBusinessDay('2025-01-26')).toBe(true);
    expect(isBusinessDay('2025-02-08')).toBe(true);
    expect(isBusinessDay('2025-02-05')).toBe(true);
  });
  it('National Day 10/1–10/8 closed, make-up Sunday 9/28 and Saturday 10/11 open', () => {
    for (const d of ['2025-10-01', '2025-10-06', '2025-10-08']) expect(isBusinessDay(d), d).toBe(false);
    expect(isBusinessDay('2025-09-28')).toBe(true);
    expect(isBusinessDay('2025-10-11')).toBe(true);
    expect(isBusinessDay('2025-10-12')).toBe(false);
  });
  it('previous business day crosses holidays and lands on make-up days', () => {
    expect(previousBusinessDay('2025-02-05')).toBe('2025-01-27');
    expect(previousBusinessDay('2025-10-09')).toBe('2025-09-30');
    // Monday after the make-up Saturday: the Saturday was a working day.
    expect(previousBusinessDay('2025-02-10')).toBe('2025-02-08');
    expect(previousBusinessDay('2025-10-13')).toBe('2025-10-11');
  });
});

describe('business calendar 2026', () => {
  it('Spring Festival 2/15–2/23 closed, make-up Saturdays 2/14 and 2/28 open', () => {
    for (const d of ['2026-02-15', '2026-02-17', '2026-02-20', '2026-02-23']) expect(isBusinessDay(d), d).toBe(false);
    expect(isBusinessDay('2026-02-14')).toBe(true);
    expect(isBusinessDay('2026-02-28')).toBe(true);
    expect(isBusinessDay('2026-02-24')).toBe(true);
  });
  it('National Day 10/1–10/7 closed, make-up Sunday 9/20 and Saturday 10/10 open', () => {
    for (const d of ['2026-10-01', '2026-10-05', '2026-10-07']) expect(isBusinessDay(d), d).toBe(false);
    expect(isBusinessDay('2026-09-20')).toBe(true);
    expect(isBusinessDay('2026-10-10')).toBe(true);
    expect(isBusinessDay('2026-10-08')).toBe(true);
  });
  it('the Monday after a holiday covers the make-up day before it, not "date - 1"', () => {
    // New Year 1/1–1/3, Sunday 1/4 is a make-up working day.
    expect(previousBusinessDay('2026-01-05')).toBe('2026-01-04');
    expect(previousBusinessDay('2026-10-12')).toBe('2026-10-10');
    expect(previousBusinessDay('2026-02-24')).toBe('2026-02-14');
    expect(previousBusinessDay('2026-10-08')).toBe('2026-09-30');
  });
});

describe('a year without data', () => {
  it('fails loudly, naming the year and what to do', () => {
    const missing = Math.max(...calendarYears()) + 1;
    expect(() => isBusinessDay(`${missing}-03-02`)).toThrow(CalendarDataMissingError);
    expect(() => isBusinessDay(`${missing}-03-02`)).toThrow(new RegExp(`no holiday data for ${missing}.*update the chinese-days package`));
  });
  it('also when the previous business day would reach into it', () => {
    const first = Math.min(...calendarYears());
    expect(() => previousBusinessDay(`${first}-01-02`)).toThrow(CalendarDataMissingError);
  });
  it('knows 2025 and 2026', () => {
    expect(calendarYears()).toEqual(expect.arrayContaining([2025, 2026]));
  });
});

describe('todayInShanghai', () => {
  it('is the bank’s date, which starts at 16:00 UTC the day before', () => {
    expect(todayInShanghai(new Date('2026-02-16T15:59:59Z'))).toBe('2026-02-16');
    expect(todayInShanghai(new Date('2026-02-16T16:00:00Z'))).toBe('2026-02-17');
  });
});
