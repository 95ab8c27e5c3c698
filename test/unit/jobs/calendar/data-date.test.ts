import { describe, expect, it } from 'vitest';
import { CalendarDataMissingError, isCalendarDate, unusualDataDate } from '../../../../jobs/runtime/calendar';

describe('isCalendarDate', () => {
  it('refuses days a month does not have, which Date.parse rolls over (2026-02-30 → 2 March)', () => {
    for (const d of ['2026-02-30', '2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-05', '20260105', '2026-01-05T00:00', '']) {
      expect(isCalendarDate(d), d).toBe(false);
    }
    for (const d of ['2024-02-29', '2026-02-28', '2026-12-31', '2026-01-01']) expect(isCalendarDate(d), d).toBe(true);
  });
});

describe('unusualDataDate: why a run for that date needs --force', () => {
  const today = '2026-12-07';
  it('an ordinary past business day (also a make-up Saturday) needs nothing', () => {
    expect(unusualDataDate('2026-11-20', today)).toBeUndefined();
    expect(unusualDataDate('2026-02-14', today)).toBeUndefined();
    expect(unusualDataDate(today, today)).toBeUndefined();
  });
  it('says which kind of closed day it is', () => {
    expect(unusualDataDate('2026-11-21', today)).toBe('2026-11-21 is a Saturday (not a business day)');
    expect(unusualDataDate('2026-11-22', today)).toBe('2026-11-22 is a Sunday (not a business day)');
    expect(unusualDataDate('2026-10-01', today)).toBe('2026-10-01 is a public holiday, National Day 国庆节 (not a business day)');
  });
  it('a future date names today in Beijing', () => {
    expect(unusualDataDate('2026-12-08', today)).toBe('2026-12-08 is in the future (today is 2026-12-07 in Asia/Shanghai)');
    expect(unusualDataDate('2026-12-12', today)).toBe('2026-12-12 is in the future (today is 2026-12-07 in Asia/Shanghai) and a Saturday');
  });
  it('a year without holiday data is an error, not an ordinary day', () => {
    expect(() => unusualDataDate('2099-03-02', today)).toThrow(CalendarDataMissingError);
  });
});
