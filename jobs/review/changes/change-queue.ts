import { Queue } from 'bullmq';
import type { RedisConnection } from '../../runtime/queues';

/**
 * The write-back jobs' own queue, next to `bots`: its consumer records what the bot did on the
 * change request (jobs/review), which the runtime's extraction worker may not import.
 */
export const CHANGES_QUEUE = 'changes';

export type ChangeMode = 'dry-run' | 'submit';

export interface ChangeJobData {
  requestId: number;
  mode: ChangeMode;
}

/**
 * One job per (request, mode): a double click, or a second checker's click that lost the race,
 * adds nothing (BullMQ ignores an id it already holds, finished jobs included).
 */
export function changeJobId(requestId: number, mode: ChangeMode): string {
  return `change-${requestId}-${mode}`;
}

/** Retries cover a crashed browser or a portal fault; the bot searches before filing on each. */
export const CHANGE_JOB_ATTEMPTS = 3;

export function openChangeQueue(redis: Pick<RedisConnection, 'connection' | 'prefix'>): Queue<ChangeJobData> {
  return new Queue<ChangeJobData>(CHANGES_QUEUE, { connection: redis.connection, prefix: redis.prefix });
}

export async function enqueueChangeJob(queue: Queue<ChangeJobData>, requestId: number, mode: ChangeMode): Promise<void> {
  await queue.add(mode, { requestId, mode }, {
    jobId: changeJobId(requestId, mode),
    attempts: CHANGE_JOB_ATTEMPTS,
    backoff: { type: 'fixed', delay: 1_000 },
    removeOnFail: false,
    removeOnComplete: false,
  });
}

/**
 * Adds a request's job after its transaction committed. A failure (Redis down) is returned, not
 * thrown: the request is saved and waits in its state, and the change worker's sweep
 * (requeue-changes.ts) adds the job; the caller tells the user and logs it.
 */
export async function enqueueAfterCommit(queue: Queue<ChangeJobData>, requestId: number, mode: ChangeMode): Promise<Error | undefined> {
  try {
    await enqueueChangeJob(queue, requestId, mode);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}
