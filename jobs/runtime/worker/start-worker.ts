import os from 'node:os';
import { Worker } from 'bullmq';
import { BotRuntime, closeSharedBrowser, sharedBrowser } from '../../../bots/sdk';
import { QUEUES } from '../queues';
import { watchCancelRequests } from '../queues/cancel-requests';
import type { RuntimeDeps } from '../runtime-deps';
import { startTriggerWorker } from '../scheduler/trigger-worker';
import { buildProcessor } from './build-processor';
import { deliverProcessor } from './deliver-processor';
import { extractProcessor } from './extract-processor';

export interface RunningWorker {
  workers: Worker[];
  /** Finishes the current jobs (or hands them back) and stops. */
  close(): Promise<void>;
}

/**
 * A worker process's consumers of the three queues, sharing one browser and one login per portal,
 * with what the composition root hands it: the config (portals, Chromium, locks), the jobs and
 * bots it may run, the run store, the Redis connection and the logger.
 *
 * @example
 * const worker = await startWorker(runtime, { concurrency: 2 });
 * process.once('SIGTERM', () => void worker.close());
 */
export async function startWorker(deps: RuntimeDeps, opts: { concurrency?: number } = {}): Promise<RunningWorker> {
  const { config: cfg, redis } = deps;
  const log = deps.log.child({ component: 'worker' });
  const browser = () => sharedBrowser({ chromiumPath: cfg.chromiumPath });
  const runtime = new BotRuntime(browser, (id) => cfg.portals[id], log);
  // The worker's name is recorded on each job it processes (`processedBy`): which host did what.
  const common = { name: `${os.hostname()}:${process.pid}`, connection: redis.connection, prefix: redis.prefix, concurrency: opts.concurrency ?? 2, lockDuration: cfg.workerLockMs, stalledInterval: cfg.stalledIntervalMs, maxStalledCount: 2 };
  const workers = [
    new Worker(QUEUES.bots, extractProcessor(runtime, deps), common),
    new Worker(QUEUES.reports, buildProcessor({ ...deps, browser }), { ...common, concurrency: 1 }),
    new Worker(QUEUES.deliver, deliverProcessor(deps), { ...common, concurrency: 1 }),
  ];
  for (const w of workers) {
    w.on('failed', (job, err) => log.warn({ queue: w.name, job: job?.id, attempts: job?.attemptsMade, err: err.message.split('\n')[0] }, 'job failed'));
    w.on('error', (err) => log.error({ queue: w.name, err: err.message }, 'worker error'));
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  // `opsbot runs cancel` from another process: the extraction worker aborts the jobs it holds.
  const cancels = await watchCancelRequests(workers[0]!, common, log);
  // Schedule fires (queue `triggers`): also recovers fires missed while no worker was up.
  const triggers = await startTriggerWorker(deps, common);
  return {
    workers: [...workers, triggers.worker],
    close: async () => {
      await Promise.all([...workers.map((w) => w.close()), triggers.close(), cancels.close()]);
      await closeSharedBrowser();
    },
  };
}
