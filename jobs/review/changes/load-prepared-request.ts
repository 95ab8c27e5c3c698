import type { Transaction, Updateable } from 'kysely';
import { recordAudit } from '../../runtime/audit';
import type { CaseState, Database } from '../../runtime/db';
import { coversBranch, DecisionError, mayAnswer, type Reviewer } from '../decisions';

export const STALE_CHANGE = '该变更申请在您打开页面后已被他人处理，本次操作未保存。请刷新页面。';

export interface PreparedRequest {
  id: number;
  caseId: number;
  caseState: CaseState;
  version: number;
  preparedBy: string;
  field: string;
  newValue: string;
}

/**
 * The `prepared` request a checker answers (批准提交 or 驳回), checked before anything is written:
 * the user may answer, it exists, covers its case's branch, was not prepared by them (four eyes),
 * is at the version their page showed, and still waits for an answer. `verb` names the action in
 * the refusals. The UPDATE that follows repeats the version and state test.
 */
export async function loadPreparedRequest(trx: Transaction<Database>, reviewer: Reviewer, request: { requestId: number; version: number }, verb: '批准' | '驳回'): Promise<PreparedRequest> {
  if (!mayAnswer(reviewer)) throw new DecisionError('forbidden', `只有复核或管理员可以${verb}变更申请。`);
  const { requestId, version } = request;
  const found = await trx
    .selectFrom('change_requests')
    .innerJoin('cases', 'cases.id', 'change_requests.case_id')
    .select(['change_requests.id', 'change_requests.case_id', 'change_requests.state', 'change_requests.version', 'change_requests.prepared_by', 'change_requests.new_value', 'change_requests.field', 'cases.branch', 'cases.state as case_state'])
    .where('change_requests.id', '=', requestId)
    .executeTakeFirst();
  if (!found) throw new DecisionError('notFound', `变更申请 ${requestId} 不存在。`);
  if (!coversBranch(reviewer, found.branch)) throw new DecisionError('forbidden', `变更申请 ${requestId} 属于网点 ${found.branch}，不在您的网点范围内。`);
  if (found.prepared_by === reviewer.name) throw new DecisionError('forbidden', `不能${verb}自己准备的变更申请（双人复核）。`);
  if (found.version !== version) throw new DecisionError('stale', STALE_CHANGE);
  if (found.state !== 'prepared') throw new DecisionError('state', `变更申请 ${requestId} 当前不是“待批准”状态。`);
  return { id: requestId, caseId: Number(found.case_id), caseState: found.case_state, version, preparedBy: found.prepared_by, field: found.field, newValue: found.new_value };
}

/**
 * Writes the checker's answer to a request `loadPreparedRequest` found: the UPDATE repeats its
 * version and state test (two checkers at once: one wins, the other gets "stale"), and the audit
 * row goes into the same transaction. Shared by 批准提交 and 驳回 so the two cannot drift apart.
 */
export async function answerPreparedRequest(
  trx: Transaction<Database>,
  reviewer: Reviewer,
  found: PreparedRequest,
  answer: { state: 'approved' | 'rejected'; set: Updateable<Database['change_requests']>; action: 'change.approved' | 'change.returned'; after?: Record<string, unknown> },
): Promise<{ requestId: number; version: number }> {
  const { id: requestId, version } = found;
  const updated = await trx
    .updateTable('change_requests')
    .set({ ...answer.set, state: answer.state, updated_at: new Date(), version: version + 1 })
    .where('id', '=', requestId)
    .where('version', '=', version)
    .where('state', '=', 'prepared')
    .returning('version')
    .executeTakeFirst();
  if (!updated) throw new DecisionError('stale', STALE_CHANGE);
  await recordAudit(trx, {
    actor: reviewer.name,
    action: answer.action,
    subject: `change:${requestId}`,
    before: { state: 'prepared', version, preparedBy: found.preparedBy },
    after: { state: answer.state, version: updated.version, caseId: found.caseId, field: found.field, newValue: found.newValue, ...answer.after },
  });
  return { requestId, version: updated.version };
}
