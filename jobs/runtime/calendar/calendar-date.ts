/**
 * Is `value` a day on the calendar, written `YYYY-MM-DD`? `Date.parse` is no test: it rolls
 * `2026-02-30` over to 2 March, so a run was once started in a folder `2026-02-30/`. The date is
 * built from its parts and must print back as it was written.
 */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.toISOString().slice(0, 10) === value;
}
