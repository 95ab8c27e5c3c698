import { jobs } from '../../../jobs';
import { EXIT } from '../exit-codes';
import { shutdown } from '../lifecycle';
import { withFixtures } from '../with-fixtures';
import { runJob } from './run';

export async function demoAction(opts: { date?: string }): Promise<void> {
  try {
    console.log('opsbot demo: starting the fixture portals, a private Redis and a worker…');
    await withFixtures({ scale: 'medium' });
    let worst: number = EXIT.ok;
    for (const id of jobs.keys()) {
      const code = await runJob(id, { date: opts.date, force: true });
      worst = Math.max(worst, code);
    }
    process.exitCode = worst;
  } finally {
    await shutdown();
  }
}
