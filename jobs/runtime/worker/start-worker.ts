import { Worker } from 'bullmq';
import { bots } from '../../../bots';
import { BotRuntime, closeSharedBrowser, sharedBrowser } from '../../../bots/sdk';
import { config } from '../config';
import { log } from '../logger';
import { bullConnection, QUEUES } from '../queues';
import { watchCancelRequests } from '../queues/cancel-requests';
import { startTriggerWorker } from '../scheduler/trigger-worker';
import { buildProcessor } from './build-processor';
import { deliverProcessor } from './deliver-processor';
import { extractProcessor } from './extract-processor';

export interface RunningWorker {
  workers: Worker[];
  /** Finishes the current jobs (or hands them back) and stops. */
  close(): Promise<void>;
}

/** A worker process's consumers of the three queues, sharing one browser and one login per portal. */
export async function startWorker(opts: { concurrency?: number } = {}): Promise<RunningWorker> {
  const { connection, prefix } = await bullConnection();
  const logger = log().child({ component: 'worker' });
  const runtime = new BotRuntime(sharedBrowser, (id) => config().portals[id], logger);
  const cfg = config();
  const common = { connection, prefix, concurrency: opts.concurrency ?? 2, lockDuration: cfg.workerLockMs, stalledInterval: cfg.stalledIntervalMs, maxStalledCount: 2 };
  const workers = [
    new Worker(QUEUES.bots, extractProcessor(runtime, { bots }), common),
    new Worker(QUEUES.reports, buildProcessor(logger), { ...common, concurrency: 1 }),
    new Worker(QUEUES.deliver, deliverProcessor, { ...common, concurrency: 1 }),
  ];
  for (const w of workers) {
    w.on('failed', (job, err) => logger.warn({ queue: w.name, job: job?.id, attempts: job?.attemptsMade, err: err.message.split('\n')[0] }, 'job failed'));
    w.on('error', (err) => logger.error({ queue: w.name, err: err.message }, 'worker error'));
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  // `opsbot runs cancel` from another process: the extraction worker aborts the jobs it holds.
  const cancels = await watchCancelRequests(workers[0]!, common, logger);
  // Schedule fires (queue `triggers`): also recovers fires missed while no worker was up.
  const triggers = await startTriggerWorker(common, logger);
  return {
    workers: [...workers, triggers.worker],
    close: async () => {
      await Promise.all([...workers.map((w) => w.close()), triggers.close(), cancels.close()]);
      await closeSharedBrowser();
    },
  };
}
