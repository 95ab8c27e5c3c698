import { closedDayReason, todayInShanghai } from './business-calendar';

/**
 * Why `date` is not a day a run normally covers — one whose business is not over yet, or a day the
 * bank was closed — or undefined for an ordinary past business day. Such a date is not always wrong
 * (figures for a Saturday after a system change, a test run), so the CLI asks for `--force` rather
 * than refusing; what it must never do is queue one silently.
 *
 * Throws `CalendarDataMissingError` for a year without holiday data: nothing can tell whether that
 * day is open, and the daily report's history needs the business days before it.
 */
export function unusualDataDate(date: string, today = todayInShanghai()): string | undefined {
  const closed = closedDayReason(date);
  if (date > today) return `${date} is in the future (today is ${today} in Asia/Shanghai)${closed ? ` and ${closed}` : ''}`;
  if (closed) return `${date} is ${closed} (not a business day)`;
  return undefined;
}
