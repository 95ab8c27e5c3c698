import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtures, type RunningFixtures } from '../../../fixtures/start-fixtures';
import { parseConfig, type Config } from '../../../jobs/runtime/config';
import { triggerRun } from '../../../jobs/runtime/flows';
import { createLogger } from '../../../jobs/runtime/logger';
import { QUEUES } from '../../../jobs/runtime/queues';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../../jobs/runtime/redis';
import type { RuntimeDeps } from '../../../jobs/runtime/runtime-deps';
import { composeRuntime } from '../../../scripts/app/compose-runtime';
import { startWorkerFleet } from '../../../scripts/bench/workers/worker-fleet';
import { keptOutputs } from '../../golden/golden-run';
import { REPO } from '../../helpers/cli-process';
import { startTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { until } from '../runtime/redis-sentinel-cluster';

// Issue 20.2: two workers, each with its own working folder, browser and temp space, sharing only
// Redis, PostgreSQL and the run-store root: extraction jobs run on both, the build on either, and the outputs
// are those of a one-worker run (timings aside).

const JOB = 'daily-ops-report';

function countBy(names: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const n of names) counts[n] = (counts[n] ?? 0) + 1;
  return counts;
}
const DATE = '2026-11-20';

describe('two workers that share only Redis and the run store', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'opsbot-two-workers-'));
  let redis: EmbeddedRedis;
  let fixtures: RunningFixtures;
  let database: TestDatabase;

  beforeAll(async () => {
    redis = await startEmbeddedRedis(path.join(root, 'redis'));
    database = await startTestDatabase();
    fixtures = await startFixtures({ seed: 7, scale: 'small' });
  }, 60_000);
  afterAll(async () => {
    await fixtures?.stop();
    await redis?.stop();
    await database?.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** A deployment of `workers` worker processes on its own prefix and run store; runs DATE; returns the run folder and who did what. */
  async function runOn(name: string, workers: number): Promise<{ runDir: string; extractedBy: string[]; builtBy: string; names: string[] }> {
    const runsDir = path.join(root, `${name}-runs`);
    const queuePrefix = `${name}${process.pid}`;
    const fleet = await startWorkerFleet({ repoRoot: REPO, workers, concurrency: 1, redisUrl: redis.url, queuePrefix, runsDir, workDir: path.join(root, name), fixtures, env: { DATABASE_URL: database.databaseUrl } });
    const config: Config = { ...parseConfig({}, root), varDir: path.join(root, `${name}-trigger`), runsDir, redisUrl: redis.url, queuePrefix, logLevel: 'warn', computeMissingHistory: false };
    const deps: RuntimeDeps = composeRuntime({ config, redis: redis.url, log: createLogger('warn') });
    const q = (n: string) => new Queue(n, { connection: deps.redis.connection, prefix: deps.redis.prefix });
    const [bots, reports, deliver] = [q(QUEUES.bots), q(QUEUES.reports), q(QUEUES.deliver)];
    try {
      const { runId } = await triggerRun(deps, { job: JOB, date: DATE });
      await until(async () => {
        const state = await deliver.getJobState(`${runId}/deliver`);
        if (state === 'failed') throw new Error(`${runId} delivery failed:\n${fleet.output(0)}\n${fleet.output(1)}`);
        return state === 'completed';
      }, `${runId} to be delivered`, 300_000);
      const extracted = await bots.getJobs(['completed']);
      const build = await reports.getJob(runId);
      expect(await bots.getJobCounts('failed')).toEqual({ failed: 0 });
      return { runDir: path.join(runsDir, JOB, DATE, 'r1'), extractedBy: extracted.map((j) => j.processedBy ?? '?'), builtBy: build?.processedBy ?? '?', names: fleet.names };
    } finally {
      await Promise.all([bots.close(), reports.close(), deliver.close()]);
      await fleet.stop();
    }
  }

  it('extraction runs on both, the build on one of them, and the outputs equal a one-worker run', async () => {
    const two = await runOn('two', 2);
    console.log(`two workers: extraction jobs by ${JSON.stringify(countBy(two.extractedBy))}; build by ${two.builtBy}`);
    for (const name of two.names) expect(two.extractedBy, `worker ${name} took no extraction job`).toContain(name);
    expect(two.names).toContain(two.builtBy);

    const one = await runOn('one', 1);
    expect(new Set(one.extractedBy)).toEqual(new Set(one.names));
    expect(two.extractedBy).toHaveLength(one.extractedBy.length);
    // Kept outputs (kpis, mismatches, every workbook cell), run-specific times normalised.
    expect(await keptOutputs(JOB, two.runDir)).toEqual(await keptOutputs(JOB, one.runDir));
  }, 600_000);
});
