import type { Command } from 'commander';
import { parseDate } from '../options';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('the whole product on embedded defaults: private Redis, fixture portals, a worker, both jobs for D')
    .option('--date <D>', 'data date (default: the previous business day)', parseDate)
    .action(async (opts: { date?: string }) => (await import('../actions/demo')).demoAction(opts));
}
