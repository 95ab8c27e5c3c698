import type { Queue } from 'bullmq';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../runtime/audit';
import type { Database } from '../../runtime/db';
import { coversBranch, DecisionError, mayAnswer, type Reviewer } from '../decisions';
import { enqueueChangeJob, type ChangeJobData } from './change-queue';

const STALE = '该变更申请在您打开页面后已被他人处理，本次操作未保存。请刷新页面。';

/**
 * 批准提交: a checker (or admin) of the case's branch, never the preparer, approves a `prepared`
 * request at the version their page showed: state `approved` with audit `change.approved`, then the
 * submit job is enqueued with the request id as the approval id. Two checkers at once: the UPDATE
 * repeats the version test, so one wins and the other gets "stale"; one job either way.
 */
export async function approveChange(
  db: Kysely<Database>,
  queue: Queue<ChangeJobData>,
  reviewer: Reviewer,
  request: { requestId: number; version: number },
): Promise<{ requestId: number; version: number }> {
  if (!mayAnswer(reviewer)) throw new DecisionError('forbidden', '只有复核或管理员可以批准变更申请。');
  const { requestId, version } = request;
  const approved = await db.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom('change_requests')
      .innerJoin('cases', 'cases.id', 'change_requests.case_id')
      .select(['change_requests.id', 'change_requests.case_id', 'change_requests.state', 'change_requests.version', 'change_requests.prepared_by', 'change_requests.new_value', 'change_requests.field', 'cases.branch'])
      .where('change_requests.id', '=', requestId)
      .executeTakeFirst();
    if (!found) throw new DecisionError('notFound', `变更申请 ${requestId} 不存在。`);
    if (!coversBranch(reviewer, found.branch)) throw new DecisionError('forbidden', `变更申请 ${requestId} 属于网点 ${found.branch}，不在您的网点范围内。`);
    if (found.prepared_by === reviewer.name) throw new DecisionError('forbidden', '不能批准自己准备的变更申请（双人复核）。');
    if (found.version !== version) throw new DecisionError('stale', STALE);
    if (found.state !== 'prepared') throw new DecisionError('state', `变更申请 ${requestId} 当前不是“待批准”状态。`);
    const updated = await trx
      .updateTable('change_requests')
      .set({ state: 'approved', approved_by: reviewer.name, approved_at: new Date(), updated_at: new Date(), version: version + 1 })
      .where('id', '=', requestId)
      .where('version', '=', version)
      .where('state', '=', 'prepared')
      .returning('version')
      .executeTakeFirst();
    if (!updated) throw new DecisionError('stale', STALE);
    await recordAudit(trx, {
      actor: reviewer.name,
      action: 'change.approved',
      subject: `change:${requestId}`,
      before: { state: 'prepared', version, preparedBy: found.prepared_by },
      after: { state: 'approved', version: updated.version, caseId: Number(found.case_id), field: found.field, newValue: found.new_value },
    });
    return { requestId, version: updated.version };
  });
  await enqueueChangeJob(queue, requestId, 'submit');
  return approved;
}
