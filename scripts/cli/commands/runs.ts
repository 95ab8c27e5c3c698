import type { Command } from 'commander';
import { parseIntOption } from '../options';

export function registerRuns(program: Command): void {
  const runs = program
    .command('runs')
    .description('run history with a header: data date, status (ok / partial / failed, or in-progress / abandoned / cancelled), which revision is latest, times in Beijing time, counts')
    .option('--job <job>', 'only this job')
    .option('--limit <n>', 'at most this many (newest data date first)', parseIntOption, 20)
    // BullMQ and the run store load only when the command runs: --help stays instant.
    .action(async (o: { job?: string; limit: number }) => (await import('../actions/runs')).runsList(o));
  runs
    .command('show <run-id>')
    .description('one run in full (outputs, failures with evidence paths), or what an unfinished one is doing; e.g. daily-ops-report/2026-02-13/r1')
    .action(async (runId: string) => (await import('../actions/runs')).runsShow(runId));
  runs
    .command('cancel <run-id>')
    .description('stop a run in progress or abandoned (e.g. a forced revision whose process was killed): its queued jobs leave BullMQ, its folder is marked cancelled and never published; audited')
    .option('--reason <text>', 'why, for the audit log')
    .action(async (runId: string, o: { reason?: string }) => (await import('../actions/runs')).runsCancel(runId, o));
}
