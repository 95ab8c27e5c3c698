import { describe, expect, it } from 'vitest';
import { assertTimeZone, dateInZone, isoInZone, startOfDayInZone } from '../../../../jobs/runtime/calendar';

describe('zoned dates', () => {
  it('07:30 in Shanghai is the evening before in UTC, and the Shanghai date is the next day', () => {
    const t = new Date('2026-02-23T23:30:00Z');
    expect(dateInZone(t, 'Asia/Shanghai')).toBe('2026-02-24');
    expect(isoInZone(t, 'Asia/Shanghai')).toBe('2026-02-24T07:30:00+08:00');
  });
  it('prints negative and DST offsets', () => {
    expect(isoInZone(new Date('2026-07-01T12:00:00Z'), 'America/New_York')).toBe('2026-07-01T08:00:00-04:00');
    expect(isoInZone(new Date('2026-01-01T12:00:00Z'), 'Europe/London')).toBe('2026-01-01T12:00:00+00:00');
  });
  it('finds midnight of a date in a zone', () => {
    expect(startOfDayInZone('2026-02-12', 'Asia/Shanghai').toISOString()).toBe('2026-02-11T16:00:00.000Z');
    expect(startOfDayInZone('2026-07-01', 'America/New_York').toISOString()).toBe('2026-07-01T04:00:00.000Z');
  });
  it('refuses an unknown zone by name', () => {
    expect(() => assertTimeZone('Asia/Shanghia')).toThrow(/unknown time zone "Asia\/Shanghia"/);
  });
});
