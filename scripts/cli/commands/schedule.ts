import type { Command } from 'commander';
import type { ScheduleChange } from '../../../jobs/runtime/schedules';
import { parseDate, parseIntOption } from '../options';

const actions = () => import('../actions/schedule');
const change = async (job: string, c: ScheduleChange) => (await actions()).scheduleChange(job, c);

export function registerSchedule(program: Command): void {
  const schedule = program.command('schedule').description('admin view and changes of schedules (changes survive restarts and are written to the audit: opsbot audit)');
  schedule.command('list').description('every schedule in force, with its next fire').action(async () => (await actions()).scheduleList());
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
    .action(async (job: string, o: { count: number; from?: string }) => (await actions()).scheduleNext(job, o));
}
