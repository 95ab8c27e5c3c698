import { CronExpressionParser } from 'cron-parser';
import { validateDetailed } from 'node-cron';
import { assertTimeZone } from '../calendar';

/**
 * Refuses a cron expression before it reaches BullMQ, with node-cron's reason. Only the five-field
 * form (minute hour day month weekday): a seconds field would fire 60 times a minute by mistake.
 */
export function validateCron(expr: string): string {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) throw new RangeError(`cron ${JSON.stringify(expr)}: expected 5 fields (minute hour day month weekday), got ${fields.length}`);
  const r = validateDetailed(fields.join(' '));
  if (!r.valid) {
    const why = r.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    throw new RangeError(`cron ${JSON.stringify(expr)} is not valid: ${why}`);
  }
  return fields.join(' ');
}

/**
 * Fire instants of `expr` in `tz` after `from` (exclusive), computed by cron-parser — the same
 * library BullMQ uses to fire, so the preview and the real fires agree.
 */
export function* cronInstants(expr: string, tz: string, from: Date): Generator<Date> {
  assertTimeZone(tz);
  const it = CronExpressionParser.parse(expr, { currentDate: from, tz });
  for (;;) yield it.next().toDate();
}
