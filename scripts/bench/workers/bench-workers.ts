// Daily-report flows per hour with 1, 2 and 4 `opsbot worker` processes on this machine (issue 20.6):
// `flock /tmp/opsbot-bench.lock npx tsx scripts/bench/workers/bench-workers.ts [--flows N] [--out FILE]`.
// Each fleet gets its own queue prefix and run store, the same Redis, PostgreSQL and fixture portals
// (small scale); all N flows are triggered at once and timed until the last is delivered.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import pg from 'pg';
import { startFixtures } from '../../../fixtures/start-fixtures';
import { parseConfig, type Config } from '../../../jobs/runtime/config';
import { attachPrivatePostgres } from '../../../jobs/runtime/db/private-postgres';
import { triggerRun } from '../../../jobs/runtime/flows';
import { createLogger } from '../../../jobs/runtime/logger';
import { QUEUES } from '../../../jobs/runtime/queues';
import { startEmbeddedRedis } from '../../../jobs/runtime/redis';
import { composeRuntime } from '../../app/compose-runtime';
import { loadAverage } from '../machine';
import { PeakRssSampler } from '../proc-rss';
import { startWorkerFleet } from './worker-fleet';

const { values } = parseArgs({ options: { flows: { type: 'string', default: '6' }, out: { type: 'string', default: 'var/bench/workers.json' }, fleets: { type: 'string', default: '1,2,4' } } });
const REPO = path.resolve(import.meta.dirname, '../../..');
const DATES = ['2026-11-11', '2026-11-12', '2026-11-13', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
const flows = Number(values.flows);
const root = mkdtempSync(path.join(os.tmpdir(), 'opsbot-bench-workers-'));
// The private PostgreSQL runs as the postgres user when we are root: it must enter the folder.
await import('node:fs/promises').then((fs) => fs.chmod(root, 0o711));

const redis = await startEmbeddedRedis(path.join(root, 'redis'));
const fixtures = await startFixtures({ seed: 42, scale: 'small' });
const pgServer = await attachPrivatePostgres(path.join(root, 'postgres'));
const admin = new pg.Client(pgServer.connection);
await admin.connect();
await admin.query('CREATE DATABASE bench');
await admin.end();
const databaseUrl = `postgresql://${pgServer.connection.user}@/bench?host=${pgServer.connection.host}`;

interface FleetFigure { workers: number; concurrency: number; flows: number; wallS: number; flowsPerHour: number; medianFlowS: number; peakRssMbPerWorker: number; peakPssMbPerWorker: number; cpuS: number; loadBefore: string; loadAfter: string }
const figures: FleetFigure[] = [];
try {
  for (const workers of values.fleets.split(',').map(Number)) {
    const name = `w${workers}`;
    const runsDir = path.join(root, `${name}-runs`);
    const queuePrefix = `bench-${name}-${process.pid}`;
    const fleet = await startWorkerFleet({ repoRoot: REPO, workers, concurrency: 2, redisUrl: redis.url, queuePrefix, runsDir, workDir: path.join(root, name), fixtures, env: { DATABASE_URL: databaseUrl } });
    const samplers = fleet.pids.map((pid) => new PeakRssSampler(pid, 500));
    const config: Config = { ...parseConfig({}, root), varDir: path.join(root, `${name}-trigger`), runsDir, redisUrl: redis.url, queuePrefix, logLevel: 'warn', computeMissingHistory: false };
    const deps = composeRuntime({ config, redis: redis.url, log: createLogger('warn') });
    const deliver = new Queue(QUEUES.deliver, { connection: deps.redis.connection, prefix: deps.redis.prefix });
    const loadBefore = loadAverage();
    const t0 = Date.now();
    try {
      const runs = await Promise.all(DATES.slice(0, flows).map((date) => triggerRun(deps, { job: 'daily-ops-report', date })));
      const doneAt = new Map<string, number>();
      while (doneAt.size < runs.length) {
        for (const r of runs) {
          if (doneAt.has(r.runId)) continue;
          const state = await deliver.getJobState(`${r.runId}/deliver`);
          if (state === 'failed') throw new Error(`${r.runId} failed:\n${fleet.output(0).slice(-3000)}`);
          if (state === 'completed') doneAt.set(r.runId, Date.now());
        }
        if (Date.now() - t0 > 60 * 60_000) throw new Error('flows not delivered within an hour');
        await new Promise((r) => setTimeout(r, 250));
      }
      const wallS = (Math.max(...doneAt.values()) - t0) / 1000;
      const each = [...doneAt.values()].map((t) => (t - t0) / 1000).sort((a, b) => a - b);
      for (const s of samplers) s.stop();
      const figure: FleetFigure = {
        workers, concurrency: 2, flows, wallS, flowsPerHour: (flows / wallS) * 3600, medianFlowS: each[Math.floor(each.length / 2)]!,
        peakRssMbPerWorker: Math.max(...samplers.map((s) => s.stop())), peakPssMbPerWorker: Math.max(...samplers.map((s) => s.peakPssMb())),
        cpuS: samplers.reduce((sum, s) => sum + s.cpuMs(), 0) / 1000,
        loadBefore, loadAfter: loadAverage(),
      };
      figures.push(figure);
      console.log(JSON.stringify(figure));
    } finally {
      await deliver.close();
      await fleet.stop();
    }
  }
} finally {
  await fixtures.stop();
  await redis.stop();
  await pgServer.release();
  rmSync(root, { recursive: true, force: true });
}
mkdirSync(path.dirname(path.resolve(REPO, values.out)), { recursive: true });
writeFileSync(path.resolve(REPO, values.out), `${JSON.stringify({ measuredAt: new Date().toISOString(), cores: os.cpus().length, figures }, null, 2)}\n`);
console.log(`written ${values.out}`);
