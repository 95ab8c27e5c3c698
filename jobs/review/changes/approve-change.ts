import type { Queue } from 'bullmq';
import type { Kysely } from 'kysely';
import type { Database } from '../../runtime/db';
import { DecisionError, type Reviewer } from '../decisions';
import { enqueueAfterCommit, type ChangeJobData } from './change-queue';
import { answerPreparedRequest, loadPreparedRequest } from './load-prepared-request';

/**
 * 批准提交: a checker (or admin) of the case's branch, never the preparer, approves a `prepared`
 * request at the version their page showed, while its case is still `confirmed` (a run that
 * superseded or resolved the case since leaves nothing to write): state `approved` with audit
 * `change.approved`, then the submit job is enqueued with the request id as the approval id. Two
 * checkers at once: the UPDATE repeats the version test, so one wins and the other gets "stale";
 * one job either way. A lost enqueue leaves the request `approved` and is returned as
 * `enqueueError`: the change worker's sweep (requeue-changes.ts) enqueues it again.
 */
export async function approveChange(
  db: Kysely<Database>,
  queue: Queue<ChangeJobData>,
  reviewer: Reviewer,
  request: { requestId: number; version: number },
): Promise<{ requestId: number; version: number; enqueueError?: Error }> {
  const { requestId } = request;
  const approved = await db.transaction().execute(async (trx) => {
    const found = await loadPreparedRequest(trx, reviewer, request, '批准');
    if (found.caseState !== 'confirmed') throw new DecisionError('state', `案件 ${found.caseId} 已不是“已确认”状态（已被新的运行关闭），不能批准其变更申请，请驳回。`);
    return answerPreparedRequest(trx, reviewer, found, {
      state: 'approved',
      set: { approved_by: reviewer.name, approved_at: new Date() },
      action: 'change.approved',
    });
  });
  const enqueueError = await enqueueAfterCommit(queue, requestId, 'submit');
  return enqueueError ? { ...approved, enqueueError } : approved;
}
