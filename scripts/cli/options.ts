import { InvalidArgumentError } from 'commander';
import { Scale } from '../../fixtures/generator/scale';

export function parseDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidArgumentError(`expected a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function parseIntOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a whole number, got ${JSON.stringify(value)}`);
  return n;
}

export function parseScale(value: string): Scale {
  const r = Scale.safeParse(value);
  if (!r.success) throw new InvalidArgumentError(`expected small, medium or large, got ${JSON.stringify(value)}`);
  return r.data;
}

/** Refuses `..` in an output path: a report must not be written outside where the user said. */
export function parseOutDir(value: string): string {
  if (value.split(/[\\/]/).includes('..')) throw new InvalidArgumentError(`refused --out ${JSON.stringify(value)}: no ".." in output paths`);
  return value;
}
