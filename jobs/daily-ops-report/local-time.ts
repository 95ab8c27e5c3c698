// Portals speak Asia/Shanghai local time as 'YYYY-MM-DD HH:mm:ss' text (see bots/records/common).
// Shanghai has no daylight saving, so treating the text as a naive UTC clock gives exact second
// differences without ever touching the host's time zone.
// Not a second formatter: nothing here turns an instant into local text (that is localDateTimeOf in
// bots/records, the one formatter). These read the portals' text back, for the folds' durations,
// hours and day boundaries, which an instant formatter cannot give.

/** Seconds since the epoch of a local date-time read as a naive clock (for differences only). */
export function naiveSeconds(localDateTime: string): number {
  const [date = '', time = '00:00:00'] = localDateTime.split(' ');
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, s] = time.split(':').map(Number);
  return Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0) / 1000;
}

/** Seconds from `from` to `to` (negative when `to` is earlier). */
export function secondsBetween(from: string, to: string): number {
  return naiveSeconds(to) - naiveSeconds(from);
}

/** The date part `YYYY-MM-DD` of a local date-time. */
export function datePart(localDateTime: string): string {
  return localDateTime.slice(0, 10);
}

/** The hour 0..23 of a local date-time. */
export function hourOf(localDateTime: string): number {
  return Number(localDateTime.slice(11, 13));
}

/** The clock part `HH:mm:ss` of a local date-time. */
export function clockPart(localDateTime: string): string {
  return localDateTime.slice(11, 19);
}

/** The calendar day after `date` (`YYYY-MM-DD`). */
export function nextDay(date: string): string {
  const t = naiveSeconds(`${date} 00:00:00`) + 86_400;
  return new Date(t * 1000).toISOString().slice(0, 10);
}

/** The instant D ends, as local text: midnight starting the next day. */
export function endOfDay(date: string): string {
  return `${nextDay(date)} 00:00:00`;
}
