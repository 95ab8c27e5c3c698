import type { Command } from 'commander';
import { parseIntOption } from '../options';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run a worker; run as many as you like on as many machines as share the Redis')
    .option('--concurrency <n>', 'jobs at once per queue', parseIntOption, 2)
    .action(async (opts: { concurrency: number }) => (await import('../actions/worker')).workerAction(opts));
}
