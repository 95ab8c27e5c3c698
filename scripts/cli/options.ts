import { InvalidArgumentError } from 'commander';
import { isScale, type Scale } from '../../fixtures/generator/scale';
// The file itself, not the calendar's index: that loads the holiday data, and --help stays instant.
import { isCalendarDate } from '../../jobs/runtime/calendar/calendar-date';

/** A real calendar day (commander prefixes the option and the value: exit 2). `2026-02-30` is refused, not rolled over. */
export function parseDate(value: string): string {
  if (!isCalendarDate(value)) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a calendar date (expected YYYY-MM-DD)`);
  return value;
}

export function parseIntOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a whole number, got ${JSON.stringify(value)}`);
  return n;
}

export function parseScale(value: string): Scale {
  if (!isScale(value)) throw new InvalidArgumentError(`expected small, medium or large, got ${JSON.stringify(value)}`);
  return value;
}

/** Refuses `..` in an output path: a report must not be written outside where the user said. */
export function parseOutDir(value: string): string {
  if (value.split(/[\\/]/).includes('..')) throw new InvalidArgumentError(`refused --out ${JSON.stringify(value)}: no ".." in output paths`);
  return value;
}
