import type { Command } from 'commander';
import { jobs } from '../../../jobs';
import { EXIT } from '../exit-codes';
import { shutdown } from '../lifecycle';
import { parseDate } from '../options';
import { portalUrls, withFixtures } from '../with-fixtures';
import { runJob } from './run';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('the whole product on embedded defaults: private Redis, fixture portals, a worker, both jobs for D')
    .option('--date <D>', 'data date (default: the previous business day)', parseDate)
    .action(async (opts: { date?: string }) => {
      try {
        console.log('opsbot demo: starting the fixture portals, a private Redis and a worker…');
        const urls = portalUrls(await withFixtures({ scale: 'medium' }));
        let worst: number = EXIT.ok;
        for (const id of jobs.keys()) {
          const code = await runJob(id, { date: opts.date, force: true }, urls);
          worst = Math.max(worst, code);
        }
        process.exitCode = worst;
      } finally {
        await shutdown();
      }
    });
}
