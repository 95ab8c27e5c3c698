import { z } from 'zod';

/** A calendar date `YYYY-MM-DD` (the data date D, review dates, ...). */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/**
 * A local date-time in Asia/Shanghai, `YYYY-MM-DD HH:mm:ss`, as the bank's portals show it.
 * Kept as text on purpose: every portal speaks local time, and parsing it into UTC instants would
 * invite the time-zone bugs admins hate. Compare these strings directly (they sort correctly).
 */
export const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'expected YYYY-MM-DD HH:mm:ss');
