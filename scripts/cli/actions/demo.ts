import { jobs } from '../../../jobs';
import { EXIT } from '../exit-codes';
import { shutdown } from '../lifecycle';
import { withFixtures } from '../with-fixtures';
import { fixtureWorldLines } from '../fixture-world';
import type { Scale } from '../../../fixtures/generator/scale';
import { runJob } from './run';

export async function demoAction(opts: { date?: string; seed?: number; scale?: Scale }): Promise<void> {
  try {
    console.log('opsbot demo: starting the fixture portals, a private Redis and a worker…');
    for (const line of fixtureWorldLines(await withFixtures({ seed: opts.seed ?? 42, scale: opts.scale ?? 'medium' }))) console.log(line);
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
