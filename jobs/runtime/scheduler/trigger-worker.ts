import { Worker, type Job, type WorkerOptions } from 'bullmq';
import { openRedis } from '../queues';
import type { RuntimeDeps } from '../runtime-deps';
import { admitted } from '../worker/admit-job';
import { checkTriggerPayload } from '../worker/payload-checks';
import { fireDeps } from './fire-deps';
import { handleFire, type FireOutcome } from './handle-fire';
import { recoverMissedFires } from './recover-missed';
import { TRIGGER_QUEUE, type TriggerPayload } from './trigger-queue';

/** The fire time of a trigger job: BullMQ's scheduled time for scheduler fires, or the payload's for replays. */
export function fireTimeOf(job: Job<TriggerPayload>): Date {
  const ms = job.data.fireAt ?? job.opts.prevMillis ?? job.timestamp + (job.opts.delay ?? 0);
  return new Date(ms);
}

/**
 * The consumer of the `triggers` queue, started by every worker process: each fire asks the
 * calendar and triggers the run. On start it also recovers fires missed while nothing was up.
 */
export async function startTriggerWorker(deps: RuntimeDeps, common: WorkerOptions): Promise<{ worker: Worker; close: () => Promise<void> }> {
  const log = deps.log.child({ component: 'worker' });
  const redis = openRedis(deps.redis);
  const fires = fireDeps(deps, redis);
  const worker = new Worker<TriggerPayload, FireOutcome>(TRIGGER_QUEUE, async (job) => {
    // A fire names a scheduled job and at most a past fire time; anything else was written by hand.
    const { job: id } = await admitted(TRIGGER_QUEUE, job, (data) => checkTriggerPayload(data, deps), deps);
    return handleFire(id, fireTimeOf(job), fires);
  }, { ...common, concurrency: 1 });
  worker.on('failed', (job, err) => log.warn({ queue: TRIGGER_QUEUE, job: job?.id, err: err.message }, 'trigger failed'));
  worker.on('error', (err) => log.error({ queue: TRIGGER_QUEUE, err: err.message }, 'worker error'));
  await worker.waitUntilReady();
  await recoverMissedFires(fires).catch((err: unknown) => log.error({ err: (err as Error).message }, 'missed-fire recovery failed'));
  return {
    worker,
    close: async () => {
      await worker.close();
      redis.disconnect();
    },
  };
}
