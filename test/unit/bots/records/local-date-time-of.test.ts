import { describe, expect, it } from 'vitest';
import { LocalDateTime, localDateTimeOf } from '../../../../bots/records';

describe('localDateTimeOf: the bank’s wall clock (Asia/Shanghai, UTC+8, no daylight saving)', () => {
  it('shows an instant as the portals and reports do, across the date line of UTC', () => {
    expect(localDateTimeOf(new Date('2026-11-20T23:31:05Z'))).toBe('2026-11-21 07:31:05');
    expect(localDateTimeOf(new Date('2026-02-16T15:59:59.999Z'))).toBe('2026-02-16 23:59:59');
    expect(localDateTimeOf(new Date('2026-02-16T16:00:00Z'))).toBe('2026-02-17 00:00:00');
    expect(localDateTimeOf(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01 00:00:00');
  });

  it('is UTC+8 on every day of a year (summer and winter alike) and always a valid LocalDateTime', () => {
    for (let day = 0; day < 366; day++) {
      const instant = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000 + 3_723_000); // 01:02:03 UTC
      const expected = new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
      expect(localDateTimeOf(instant)).toBe(expected);
      expect(LocalDateTime.safeParse(localDateTimeOf(instant)).success).toBe(true);
    }
  });
});
