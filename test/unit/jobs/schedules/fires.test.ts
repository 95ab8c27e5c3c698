import { describe, expect, it } from 'vitest';
import { jobs } from '../../../../jobs';
import { assertTimeZone } from '../../../../jobs/runtime/calendar';
import { decideFire, effectiveSchedule, nextFires, scheduleDefinition, schedulesOf, validateCron } from '../../../../jobs/runtime/schedules';

// The schedule the daily report declares in its own definition (jobs/daily-ops-report/job.ts).
const daily = effectiveSchedule(scheduleDefinition(schedulesOf(jobs), 'daily-ops-report'), undefined);
const at = (iso: string) => new Date(iso);

describe('schedule next: fires around Spring Festival 2026', () => {
  it('skips the closed days, fires on the make-up Saturday, and names the data date each covers', () => {
    const fires = nextFires(daily, at('2026-02-12T00:00:00+08:00'), 5);
    expect(fires.map((f) => [f.iso, f.dataDate])).toEqual([
      ['2026-02-12T07:30:00+08:00', '2026-02-11'],
      ['2026-02-13T07:30:00+08:00', '2026-02-12'],
      ['2026-02-14T07:30:00+08:00', '2026-02-13'],
      ['2026-02-24T07:30:00+08:00', '2026-02-14'],
      ['2026-02-25T07:30:00+08:00', '2026-02-24'],
    ]);
  });
  it('fires the make-up Saturday after the holiday, covering the Friday', () => {
    const fires = nextFires(daily, at('2026-02-27T08:00:00+08:00'), 2);
    expect(fires.map((f) => f.iso)).toEqual(['2026-02-28T07:30:00+08:00', '2026-03-02T07:30:00+08:00']);
    expect(fires.map((f) => f.dataDate)).toEqual(['2026-02-27', '2026-02-28']);
  });
  it('an admin time zone prints in that zone (and the calendar day is that zone\'s)', () => {
    const london = { ...daily, cron: '0 9 * * *', tz: 'Europe/London' };
    const fires = nextFires(london, at('2026-07-01T00:00:00Z'), 1);
    expect(fires[0]!.iso).toBe('2026-07-01T09:00:00+01:00');
  });
  it('fails loudly when the fires reach a year without calendar data', () => {
    expect(() => nextFires(daily, at('2099-01-01T00:00:00Z'), 1)).toThrow(/no holiday data for 2099/);
  });
});

describe('a fire decides', () => {
  it('a holiday fire does nothing', () => {
    expect(decideFire(daily, at('2026-10-01T07:30:00+08:00'), at('2026-10-01T07:30:01+08:00'))).toEqual({ action: 'closed', localDate: '2026-10-01' });
  });
  it('a business-day fire runs for the previous business day, also when handled late within the window', () => {
    expect(decideFire(daily, at('2026-10-08T07:30:00+08:00'), at('2026-10-08T13:00:00+08:00'))).toEqual({ action: 'run', localDate: '2026-10-08', dataDate: '2026-09-30' });
  });
  it('past the catch-up window it is skipped (to be alerted)', () => {
    const d = decideFire(daily, at('2026-10-08T07:30:00+08:00'), at('2026-10-08T13:31:00+08:00'));
    expect(d).toMatchObject({ action: 'too-late', dataDate: '2026-09-30' });
    expect(d.action === 'too-late' && d.lateByMs).toBe(6 * 3_600_000 + 60_000);
  });
});

describe('the schedules jobs declare', () => {
  it('every scheduled job has a valid five-field cron in a known time zone', () => {
    const schedules = schedulesOf(jobs);
    expect(schedules.map((s) => s.job).sort()).toEqual(['annual-review-check', 'daily-ops-report']);
    for (const s of schedules) {
      expect(validateCron(s.cron), s.job).toBe(s.cron);
      expect(assertTimeZone(s.tz), s.job).toBe(s.tz);
    }
  });
});

describe('cron validation', () => {
  it('accepts five fields and normalises spacing', () => {
    expect(validateCron(' 30  7 * * * ')).toBe('30 7 * * *');
  });
  it('refuses a bad field with the reason', () => {
    expect(() => validateCron('61 7 * * *')).toThrow(/minute: 61/);
  });
  it('refuses six fields (seconds) and garbage', () => {
    expect(() => validateCron('0 30 7 * * *')).toThrow(/expected 5 fields/);
    expect(() => validateCron('every morning')).toThrow(/expected 5 fields/);
  });
});
