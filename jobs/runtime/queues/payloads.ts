import { z } from 'zod';
import { isCalendarDate } from '../calendar/calendar-date';

// Job payloads carry references (ids, paths, counts, checksums), never the records themselves, and
// never where a portal is or whose login to use: that is the deployment's (see queue-namespace.ts).
//
// Whoever can write to Redis can add a job (a dashboard admin through Bull Board's "add job", a
// local user of an unprotected Redis), so each processor parses its payload with these schemas
// before anything else. They are strict: a key they do not know (`portalUrl`) is refused, not
// ignored. What needs the registries or the disk (a known job, a folder inside the run store) is
// checked next, in worker/payload-checks.ts.

const JobId = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'expected a job id (kebab-case)');
const BotId = z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'expected a bot id (<portal>.<dataset>)').max(100);
const DataDate = z.string().refine(isCalendarDate, 'expected a calendar date YYYY-MM-DD that exists');
const Revision = z.number().int().min(1).max(1_000_000);
const RunId = z.string().max(200);
const AbsoluteDir = z.string().min(1).max(4096).refine((p) => p.startsWith('/') && !p.includes('\0'), 'expected an absolute path');

export const ExtractPayload = z.strictObject({
  runId: RunId,
  job: JobId,
  date: DataDate,
  revision: Revision,
  runDir: AbsoluteDir,
  botId: BotId,
  /** Checked by the bot's own input schema when it runs. */
  input: z.unknown(),
});
export type ExtractPayload = z.infer<typeof ExtractPayload>;

export const BuildPayload = z.strictObject({
  runId: RunId,
  job: JobId,
  date: DataDate,
  revision: Revision,
  runDir: AbsoluteDir,
  startedAt: z.iso.datetime({ offset: true }),
  /** The job's own options (from the trigger and its prepare step). */
  options: z.record(z.string(), z.unknown()),
});
export type BuildPayload = z.infer<typeof BuildPayload>;

export interface BuildReturn {
  runId: string;
  runDir: string;
  status: 'ok' | 'partial' | 'failed';
  outputs: string[];
}

export const DeliverPayload = z.strictObject({
  runId: RunId,
  runDir: AbsoluteDir,
});
export type DeliverPayload = z.infer<typeof DeliverPayload>;

/** A schema's first problems, each naming its field: what a refused job's reason says. */
export function payloadProblems(error: z.ZodError): string {
  return error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
}
