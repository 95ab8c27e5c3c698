import type { Command } from 'commander';
import type { RunCommandOptions } from '../actions/run';
import { parseDate, parseIntOption, parseOutDir, parseScale } from '../options';

export function registerRun(program: Command): void {
  program
    .command('run <job>')
    .description('enqueue the job\'s flow for data date D and wait for it, as a schedule would')
    .option('--date <D>', 'data date (default: the previous business day)', parseDate)
    .option('--out <dir>', 'also copy the outputs there', parseOutDir)
    .option('--force', 'make a new revision even if (job, D) already ran; also needed for a D that is a weekend, a holiday or in the future')
    .option('--with-fixtures', 'start the fixture portals for this run')
    .option('--registry-data <file>', 'with --with-fixtures: serve this dataset in the registry portal')
    .option('--seed <n>', 'with --with-fixtures: the fixture world\'s seed, as for `fixtures export` (default 42)', parseIntOption)
    .option('--scale <scale>', 'with --with-fixtures: small | medium | large, as for `fixtures export` (default small)', parseScale)
    .option('--input <file>', 'annual review: a file of accounts instead of the annual-review portal')
    .option('--no-worker', 'do not start a worker in this process (others share the Redis)')
    // Heavy modules (BullMQ, Playwright, exceljs) load only when the command runs: --help stays instant.
    .action(async (jobId: string, opts: RunCommandOptions) => (await import('../actions/run')).runAction(jobId, opts));
}
