import { actor, auditedChange } from '../../../jobs/runtime/audit';
import { startOfDayInZone } from '../../../jobs/runtime/calendar';
import { openRedis } from '../../../jobs/runtime/queues';
import type { RuntimeDeps } from '../../../jobs/runtime/runtime-deps';
import { applySchedule, openTriggerQueue } from '../../../jobs/runtime/scheduler';
import { nextFires, ScheduleBook, schedulesOf, type EffectiveSchedule, type ScheduleChange } from '../../../jobs/runtime/schedules';
import { processRuntime } from '../../app/process-runtime';
import { requireCalendarData } from '../data-date';
import { CliError, EXIT } from '../exit-codes';
import { shutdown } from '../lifecycle';

/**
 * The jobs' declared schedules with the admins' overrides, in this process's Redis. `changes`:
 * the database too, where each change is audited (schedule.set / .paused / .resumed); reading
 * starts none.
 */
async function withBook<T>(fn: (book: ScheduleBook, runtime: RuntimeDeps) => Promise<T>, opts: { changes?: boolean } = {}): Promise<T> {
  try {
    const runtime = await processRuntime({ database: opts.changes === true });
    const redis = openRedis(runtime.redis);
    try {
      const audit = runtime.db ? auditedChange(runtime.db) : undefined;
      return await fn(new ScheduleBook(redis, runtime.redis.prefix, schedulesOf(runtime.jobs), audit), runtime);
    } finally {
      redis.disconnect();
    }
  } finally {
    await shutdown();
  }
}

function describe(s: EffectiveSchedule): string {
  const flags = [s.businessDaysOnly ? 'business days' : 'every day', `catch-up ${s.catchUpMs / 3_600_000}h`];
  if (s.paused) flags.push('PAUSED');
  if (s.overridden.length) flags.push(`override (${s.overridden.join(', ')}) by ${s.changedBy ?? '?'} at ${s.changedAt ?? '?'}`);
  return `${s.job.padEnd(20)} ${s.cron.padEnd(14)} ${s.tz.padEnd(14)} ${flags.join(', ')}`;
}

/** A bad cron or time zone is the admin's input: exit 2 with the reason. */
export async function scheduleChange(job: string, c: ScheduleChange): Promise<void> {
  await withBook(async (book, runtime) => {
    let r: Awaited<ReturnType<ScheduleBook['change']>>;
    try {
      r = await book.change(job, c, actor(runtime.config.adminName));
    } catch (err) {
      throw new CliError((err as Error).message, EXIT.usage);
    }
    const queue = openTriggerQueue(runtime.redis);
    try {
      await applySchedule(queue, r.after);
    } finally {
      await queue.close();
    }
    console.log(`before: ${describe(r.before)}`);
    console.log(`after:  ${describe(r.after)}`);
  }, { changes: true });
}

export async function scheduleList(): Promise<void> {
  await withBook(async (book) => {
    for (const s of await book.all()) {
      const next = s.paused ? undefined : nextFires(s, new Date(), 1)[0];
      console.log(`${describe(s)}${next ? `  next ${next.iso} (data ${next.dataDate})` : ''}`);
    }
  });
}

export async function scheduleNext(job: string, o: { count: number; from?: string }): Promise<void> {
  // Any day may be a starting point (a weekend, next month); only one the calendar cannot answer for is refused.
  if (o.from) requireCalendarData(o.from, '--from');
  await withBook(async (book) => {
    const s = await book.get(job);
    if (s.paused) console.error(`${job} is paused: these are the fires it would have once resumed`);
    const from = o.from ? startOfDayInZone(o.from, s.tz) : new Date();
    // Start one millisecond earlier so that a fire exactly at --from is included.
    for (const f of nextFires(s, new Date(from.getTime() - 1), o.count)) console.log(`${f.iso}  data ${f.dataDate}`);
  });
}
