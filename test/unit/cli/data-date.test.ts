import { describe, expect, it } from 'vitest';
import { requireRunnableDate } from '../../../scripts/cli/data-date';
import { CliError } from '../../../scripts/cli/exit-codes';

describe('requireRunnableDate', () => {
  it('lets --force through for a closed day, never for a year the calendar does not know', () => {
    expect(requireRunnableDate('2026-11-21', { option: '--date', force: true })).toBe('2026-11-21');
    expect(requireRunnableDate('2026-11-20', { option: '--date' })).toBe('2026-11-20');
    expect(() => requireRunnableDate('2026-11-21', { option: '--date' })).toThrow(CliError);
    const err = (() => {
      try {
        requireRunnableDate('2099-03-02', { option: '--date', force: true });
      } catch (e) {
        return e as CliError;
      }
    })();
    expect(err).toBeInstanceOf(CliError);
    expect(err!.exitCode).toBe(2);
    expect(err!.message).toMatch(/^--date 2099-03-02: no holiday data for 2099/);
  });
});
