import os from 'node:os';
import { Worker, type Queue } from 'bullmq';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { BotRuntime, sharedBrowser } from '../../../bots/sdk';
import type { Database } from '../../runtime/db';
import type { RuntimeDeps } from '../../runtime/runtime-deps';
import { CHANGES_QUEUE, openChangeQueue, type ChangeJobData } from './change-queue';
import { requeueLostChangeJobs } from './requeue-changes';
import { changeJobProcessor } from './run-change-job';

/** How often each change worker sweeps for requests whose job was lost (requeue-changes.ts). */
export const REQUEUE_EVERY_MS = 60_000;

/**
 * The consumer of the write-back queue, one job at a time (filing is never a throughput concern),
 * with the same lock and stalled-job settings as the runtime's workers: a worker killed mid-submit
 * leaves its job to be picked up again, and the bot's search makes that safe. At start and every
 * `requeueEveryMs` it also adds the jobs of waiting requests whose enqueue was lost; `close()`
 * stops that too.
 */
export async function startChangeWorker(
  deps: Pick<RuntimeDeps, 'config' | 'redis' | 'log'> & { db: Kysely<Database>; runtime?: BotRuntime; requeueEveryMs?: number },
): Promise<Worker<ChangeJobData>> {
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
  stopSweepOnClose(worker, sweepLostJobs(deps.db, openChangeQueue(redis), log, deps.requeueEveryMs ?? REQUEUE_EVERY_MS));
  return worker;
}

/** Sweeps now and every `everyMs`, one sweep at a time; the returned stop waits for a sweep under way. */
function sweepLostJobs(db: Kysely<Database>, queue: Queue<ChangeJobData>, log: Logger, everyMs: number): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = running.then(() => requeueLostChangeJobs(db, queue, log)).catch((err: unknown) => log.error({ err: (err as Error).message }, 'write-back requeue sweep failed'));
  };
  sweep();
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    await queue.close();
  };
}

function stopSweepOnClose(worker: Worker<ChangeJobData>, stop: () => Promise<void>): void {
  const close = worker.close.bind(worker);
  worker.close = async (force?: boolean) => {
    await stop();
    return close(force);
  };
}
