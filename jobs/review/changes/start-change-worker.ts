import os from 'node:os';
import { Worker } from 'bullmq';
import type { Kysely } from 'kysely';
import { BotRuntime, sharedBrowser } from '../../../bots/sdk';
import type { Database } from '../../runtime/db';
import type { RuntimeDeps } from '../../runtime/runtime-deps';
import { CHANGES_QUEUE, type ChangeJobData } from './change-queue';
import { changeJobProcessor } from './run-change-job';

/**
 * The consumer of the write-back queue, one job at a time (filing is never a throughput concern),
 * with the same lock and stalled-job settings as the runtime's workers: a worker killed mid-submit
 * leaves its job to be picked up again, and the bot's search makes that safe.
 */
export async function startChangeWorker(deps: Pick<RuntimeDeps, 'config' | 'redis' | 'log'> & { db: Kysely<Database>; runtime?: BotRuntime }): Promise<Worker<ChangeJobData>> {
  const { config: cfg, redis } = deps;
  const log = deps.log.child({ component: 'write-back' });
  const runtime = deps.runtime ?? new BotRuntime(() => sharedBrowser({ chromiumPath: cfg.chromiumPath }), (id) => cfg.portals[id], log);
  const worker = new Worker<ChangeJobData>(CHANGES_QUEUE, changeJobProcessor({ db: deps.db, runtime, varDir: cfg.varDir, log }), {
    name: `${os.hostname()}:${process.pid}`, connection: redis.connection, prefix: redis.prefix, concurrency: 1,
    lockDuration: cfg.workerLockMs, stalledInterval: cfg.stalledIntervalMs, maxStalledCount: 2,
  });
  worker.on('failed', (job, err) => log.warn({ job: job?.id, attempts: job?.attemptsMade, err: err.message.split('\n')[0] }, 'write-back job failed'));
  worker.on('error', (err) => log.error({ err: err.message }, 'write-back worker error'));
  await worker.waitUntilReady();
  return worker;
}
