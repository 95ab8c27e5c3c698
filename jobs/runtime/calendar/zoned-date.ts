/**
 * The calendar date of an instant in a time zone — the question "which day is it there?".
 * A fire time of 07:30 Asia/Shanghai is 23:30 UTC the day before, so `toISOString()` is wrong here.
 *
 * @example dateInZone(new Date('2026-02-16T23:30:00Z'), 'Asia/Shanghai') // '2026-02-17'
 */
export function dateInZone(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** ISO 8601 with the zone's offset, e.g. `2026-02-24T07:30:00+08:00` (what `schedule next` prints). */
export function isoInZone(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    }).formatToParts(instant).map((p) => [p.type, p.value]),
  );
  const local = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const offsetMin = Math.round((Date.parse(`${local}Z`) - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Refuses a time zone Intl does not know, naming it (a typo would otherwise fire at UTC times). */
export function assertTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new RangeError(`unknown time zone ${JSON.stringify(timeZone)} (use an IANA name such as Asia/Shanghai)`);
  }
  return timeZone;
}

/** The instant a calendar date begins in a zone (midnight there), e.g. for `schedule next --from D`. */
export function startOfDayInZone(date: string, timeZone: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(utcMidnight)) throw new RangeError(`not a date: ${JSON.stringify(date)} (expected YYYY-MM-DD)`);
  // The zone's offset at that moment; twice, in case midnight UTC and midnight there differ in offset (DST).
  let guess = utcMidnight;
  for (let i = 0; i < 2; i++) guess = utcMidnight - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

function offsetMs(instant: Date, timeZone: string): number {
  const iso = isoInZone(instant, timeZone);
  return Date.parse(`${iso.slice(0, 19)}Z`) - Math.floor(instant.getTime() / 1000) * 1000;
}
