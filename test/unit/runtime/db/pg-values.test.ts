import { describe, expect, it } from 'vitest';
import { withoutPassword } from '../../../../jobs/runtime/db/display-url';
import { MIGRATIONS } from '../../../../jobs/runtime/db/migrations';
import { parseInt8, pgTypes } from '../../../../jobs/runtime/db/pg-types';

describe('column values', () => {
  it('reads bigint as a number, and refuses one beyond 2^53 instead of rounding it', () => {
    expect(parseInt8('42')).toBe(42);
    expect(parseInt8('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => parseInt8('9007199254740993')).toThrow(/beyond JavaScript's safe integers/);
  });

  it("reads a date as its 'YYYY-MM-DD' text and leaves other types to pg", () => {
    const date = pgTypes.getTypeParser(1082, 'text') as (t: string) => unknown;
    expect(date('2026-03-02')).toBe('2026-03-02');
    const int4 = pgTypes.getTypeParser(23, 'text') as (t: string) => unknown;
    expect(int4('7')).toBe(7);
  });
});

describe('a database URL in messages', () => {
  it('keeps the user, host and database and drops the password', () => {
    expect(withoutPassword('postgres://opsbot:s3cr%40t@db.bank.local:5433/opsbot')).toBe('postgres://opsbot@db.bank.local:5433/opsbot');
    expect(withoutPassword('postgresql://opsbot@/opsbot?host=/run/postgresql')).toBe('postgresql://opsbot@/opsbot?host=/run/postgresql');
    expect(withoutPassword('postgresql://db/opsbot')).toBe('postgresql://db/opsbot');
    expect(withoutPassword('nonsense')).toBe('(unparsable DATABASE_URL)');
  });
});

describe('the migration list', () => {
  it('names each migration with its number, in order, each with an up step', () => {
    const names = Object.keys(MIGRATIONS);
    expect(names[0]).toBe('0001-initial');
    expect(names.every((n, i) => n.startsWith(String(i + 1).padStart(4, '0') + '-'))).toBe(true);
    expect(Object.values(MIGRATIONS).every((m) => typeof m.up === 'function')).toBe(true);
  });
});
