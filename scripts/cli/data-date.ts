import { CalendarDataMissingError, isBusinessDay, unusualDataDate } from '../../jobs/runtime/calendar';
import { CliError, EXIT } from './exit-codes';

export interface DataDateCheck {
  /** The option the date came from, named in the message (`--date`). */
  option: string;
  /** The user confirmed an unusual date (`--force`). */
  force?: boolean;
  /** What to do about an unusual date; default: add --force. */
  fix?: string;
}

/** A date in a year without holiday data is refused (exit 2, naming the option), whatever else is asked. */
export function requireCalendarData(date: string, option: string): void {
  try {
    isBusinessDay(date);
  } catch (err) {
    if (err instanceof CalendarDataMissingError) throw new CliError(`${option} ${date}: ${err.message}`, EXIT.usage);
    throw err;
  }
}

/**
 * Checks a data date before anything starts (no Redis, no portal, no run folder): a date beyond
 * the calendar's holiday data is refused (exit 2, even with --force); a weekend, holiday or future
 * date needs --force and the message says why. Returns the date.
 */
export function requireRunnableDate(date: string, check: DataDateCheck): string {
  requireCalendarData(date, check.option);
  const unusual = unusualDataDate(date);
  if (unusual && !check.force) throw new CliError(`${check.option} ${unusual}: ${check.fix ?? 'add --force to run it anyway'}`, EXIT.usage);
  return date;
}
