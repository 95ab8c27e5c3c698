import type { Command } from 'commander';
import type { Scale } from '../../../fixtures/generator/scale';
import { parseDate, parseIntOption, parseScale } from '../options';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('the whole product on embedded defaults: private Redis, fixture portals, a worker, both jobs for D')
    .option('--date <D>', 'data date (default: the previous business day)', parseDate)
    .option('--seed <n>', 'the fixture world\'s seed, as for `fixtures export`', parseIntOption, 42)
    .option('--scale <scale>', 'small | medium | large, as for `fixtures export`', parseScale, 'medium')
    .action(async (opts: { date?: string; seed: number; scale: Scale }) => (await import('../actions/demo')).demoAction(opts));
}
