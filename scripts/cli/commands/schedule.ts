import type { Command } from 'commander';
import { actor } from '../../../jobs/runtime/audit';
import { startOfDayInZone } from '../../../jobs/runtime/calendar';
import { config, runtimePaths } from '../../../jobs/runtime/config';
import { bullConnection } from '../../../jobs/runtime/queues';
import { createRedis } from '../../../jobs/runtime/redis';
import { applySchedule, openTriggerQueue } from '../../../jobs/runtime/scheduler';
import { nextFires, ScheduleBook, type EffectiveSchedule, type ScheduleChange } from '../../../jobs/runtime/schedules';
import { CliError, EXIT } from '../exit-codes';
import { shutdown } from '../lifecycle';
import { parseDate, parseIntOption } from '../options';

async function withBook<T>(fn: (book: ScheduleBook) => Promise<T>): Promise<T> {
  const redis = await createRedis();
  try {
    const { prefix } = await bullConnection();
    return await fn(new ScheduleBook(redis, prefix, runtimePaths(config()).auditLog));
  } finally {
    redis.disconnect();
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
async function change(job: string, c: ScheduleChange): Promise<void> {
  await withBook(async (book) => {
    let r: Awaited<ReturnType<ScheduleBook['change']>>;
    try {
      r = await book.change(job, c, actor());
    } catch (err) {
      throw new CliError((err as Error).message, EXIT.usage);
    }
    const queue = await openTriggerQueue();
    try {
      await applySchedule(queue, r.after);
    } finally {
      await queue.close();
    }
    console.log(`before: ${describe(r.before)}`);
    console.log(`after:  ${describe(r.after)}`);
  });
}

export function registerSchedule(program: Command): void {
  const schedule = program.command('schedule').description('admin view and changes of schedules (changes survive restarts and go to the audit log)');
  schedule.command('list').description('every schedule in force, with its next fire').action(async () => {
    await withBook(async (book) => {
      for (const s of await book.all()) {
        const next = s.paused ? undefined : nextFires(s, new Date(), 1)[0];
        console.log(`${describe(s)}${next ? `  next ${next.iso} (data ${next.dataDate})` : ''}`);
      }
    });
  });
  schedule.command('set <job>').description('change the cron (and time zone) of a schedule; wins over the code default until reset')
    .requiredOption('--cron <expr>', 'five-field cron, e.g. "30 7 * * *"')
    .option('--tz <zone>', 'IANA time zone, e.g. Asia/Shanghai')
    .action((job: string, o: { cron: string; tz?: string }) => change(job, { action: 'set', cron: o.cron, tz: o.tz }));
  schedule.command('pause <job>').description('stop firing until resumed').action((job: string) => change(job, { action: 'pause' }));
  schedule.command('resume <job>').description('fire again').action((job: string) => change(job, { action: 'resume' }));
  schedule.command('reset <job>').description('drop the admin override: back to the code default').action((job: string) => change(job, { action: 'reset' }));
  schedule.command('next <job>').description('the coming fire times (ISO, in the schedule\'s zone; closed days skipped) and the data date each covers')
    .option('--count <n>', 'how many', parseIntOption, 5)
    .option('--from <D>', 'from the start of this date (default: now)', parseDate)
    .action(async (job: string, o: { count: number; from?: string }) => {
      await withBook(async (book) => {
        const s = await book.get(job);
        if (s.paused) console.error(`${job} is paused: these are the fires it would have once resumed`);
        const from = o.from ? startOfDayInZone(o.from, s.tz) : new Date();
        // Start one millisecond earlier so that a fire exactly at --from is included.
        for (const f of nextFires(s, new Date(from.getTime() - 1), o.count)) console.log(`${f.iso}  data ${f.dataDate}`);
      });
    });
}
