import pg from 'pg';

const INT8 = 20;
const DATE = 1082;

/**
 * How this pool reads two column types, without changing pg's process-wide defaults: `bigint`
 * (ids, count(*)) as a number — refused beyond 2^53, never rounded silently — and `date` as its
 * 'YYYY-MM-DD' text, not a Date at local midnight that shifts with the time zone.
 */
export const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (format !== 'binary' && oid === INT8) return parseInt8;
    if (format !== 'binary' && oid === DATE) return (text: string) => text;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint ${text} is beyond JavaScript's safe integers`);
  return n;
}
