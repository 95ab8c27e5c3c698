import { requireRunnableDate } from '../data-date';
import { EXIT } from '../exit-codes';
import { shutdown } from '../lifecycle';
import { withFixtures } from '../with-fixtures';
import { withDatabase } from '../../app/with-database';
import { fixtureWorldLines } from '../fixture-world';
import type { Scale } from '../../../fixtures/generator/scale';
import { buildWorld } from '../../../fixtures/generator/world';
import { ensureDemoUsers } from './demo-users';
import { runJob } from './run';

export async function demoAction(opts: { date?: string; seed?: number; scale?: Scale }): Promise<void> {
  // The demo forces new revisions, not unusual dates: a weekend or future --date is refused here.
  if (opts.date) requireRunnableDate(opts.date, { option: '--date', fix: 'the demo runs a past business day (leave out --date for the previous one)' });
  try {
    console.log('opsbot demo: starting the fixture portals, a private Redis and a worker…');
    const served = await withFixtures({ seed: opts.seed ?? 42, scale: opts.scale ?? 'medium' });
    const { fixtures } = served;
    // Its worker keeps the runs' cases: a private PostgreSQL, started like the Redis.
    const runtime = await withDatabase(served.runtime);
    for (const line of fixtureWorldLines(fixtures)) console.log(line);
    // The first branch of the fixture world: the demo clerk and checker see its cases.
    const demoBranch = buildWorld(opts.seed ?? 42, opts.scale ?? 'medium').branches[0]?.name ?? '城东支行';
    if (runtime.db) for (const line of await ensureDemoUsers(runtime.db, demoBranch)) console.log(line);
    let worst: number = EXIT.ok;
    for (const id of runtime.jobs.keys()) {
      const code = await runJob(runtime, id, { date: opts.date, force: true });
      worst = Math.max(worst, code);
    }
    process.exitCode = worst;
  } finally {
    await shutdown();
  }
}
