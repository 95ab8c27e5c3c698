import type { Queue } from 'bullmq';
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { ChangeRequestState, Database } from '../../runtime/db';
import { changeJobId, enqueueChangeJob, type ChangeJobData, type ChangeMode } from './change-queue';

/** Requests waiting for a job of this mode: the row, committed first, is the outbox of its job. */
const WAITING: Partial<Record<ChangeRequestState, ChangeMode>> = { preparing: 'dry-run', approved: 'submit', submitting: 'submit' };

/**
 * A request younger than this is left alone: the click that made it is still enqueueing its job
 * (harmless to race, the job id is fixed, but it keeps the log to real losses).
 */
export const REQUEUE_GRACE_MS = 60_000;

export interface RequeueResult {
  /** Requests whose job was missing and was added again. */
  added: number[];
  /** Requests whose job had failed while the request still waited for it; retried. */
  retried: number[];
}

/**
 * The sweep that makes "commit, then enqueue" safe: 准备 and 批准 write the request first and add
 * its job after the commit, so a Redis outage (or a crash) in between leaves the request
 * `preparing` / `approved` with no job, and a Redis that lost its data leaves `submitting` with
 * none. For each request in those states longer than `graceMs`, the job of its fixed id is added
 * when missing, or retried when it failed without the request recording it (the worker's own
 * failure path moves the request to `failed`). The submit bot searches core banking for the case
 * id before filing, so a resubmit never files twice. Idempotent: several workers may sweep at once.
 */
export async function requeueLostChangeJobs(db: Kysely<Database>, queue: Queue<ChangeJobData>, log: Logger, graceMs = REQUEUE_GRACE_MS): Promise<RequeueResult> {
  const waiting = await db
    .selectFrom('change_requests')
    .select(['id', 'state'])
    .where('state', 'in', Object.keys(WAITING) as ChangeRequestState[])
    .where('updated_at', '<', sql<Date>`now() - make_interval(secs => ${graceMs / 1000})`)
    .orderBy('id')
    .execute();
  const result: RequeueResult = { added: [], retried: [] };
  for (const row of waiting) {
    const requestId = Number(row.id);
    const mode = WAITING[row.state]!;
    const job = await queue.getJob(changeJobId(requestId, mode));
    if (!job) {
      await enqueueChangeJob(queue, requestId, mode);
      result.added.push(requestId);
      log.warn({ requestId, state: row.state, mode }, 'write-back job was missing for a waiting change request: enqueued again');
      continue;
    }
    const jobState = await job.getState();
    if (jobState === 'failed') {
      try {
        await job.retry('failed');
        result.retried.push(requestId);
        log.warn({ requestId, state: row.state, mode, failedReason: job.failedReason }, 'write-back job had failed without the request recording it: retried');
      } catch (err) {
        // Another sweeper retried it first.
        log.debug({ requestId, err: (err as Error).message }, 'write-back job not retried');
      }
    } else if (jobState === 'completed') {
      log.error({ requestId, state: row.state, mode }, 'write-back job completed but the request is still waiting: check the request by hand');
    }
  }
  return result;
}
