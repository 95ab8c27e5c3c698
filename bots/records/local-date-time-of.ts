// The one formatter of the bank's local time. Portals, records and reports all speak Asia/Shanghai
// wall-clock time as `YYYY-MM-DD HH:mm:ss` text (see LocalDateTime in common.ts); this turns an
// instant into that text. It sits beside the record schemas because both sides of the wire need
// it: the fixture portals (which may import only bots/records) and the jobs that stamp reports.

const BANK_TIME_ZONE = 'Asia/Shanghai';

// Built once: constructing an Intl.DateTimeFormat costs far more than formatting with one.
const bankClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: BANK_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * The bank's local date-time of an instant, whatever the host's time zone.
 *
 * @example localDateTimeOf(new Date('2026-11-20T23:31:05Z')) // '2026-11-21 07:31:05'
 */
export function localDateTimeOf(instant: Date): string {
  const parts: Record<string, string> = {};
  for (const { type, value } of bankClock.formatToParts(instant)) parts[type] = value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}
