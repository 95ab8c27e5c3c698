import type { Kysely } from 'kysely';
import { recordAudit } from '../../runtime/audit';
import type { Database } from '../../runtime/db';
import { DecisionError, type Reviewer } from '../decisions';
import { loadPreparedRequest, STALE_CHANGE } from './load-prepared-request';

/**
 * 驳回: a checker (or admin) of the case's branch, never the preparer, rejects a `prepared` request
 * (review-workbench.md, Who: checkers approve or reject change requests) with a comment the clerk
 * reads on the case: state `rejected`, who, when and why kept on the request, audit
 * `change.returned` (the request goes back to the clerk, who may prepare another). Nothing is
 * sent to core banking. Also the way to clear a request whose case a later run has closed.
 */
export async function rejectChange(
  db: Kysely<Database>,
  reviewer: Reviewer,
  request: { requestId: number; version: number; comment: string },
): Promise<{ requestId: number; version: number }> {
  const { requestId, version, comment } = request;
  return db.transaction().execute(async (trx) => {
    const found = await loadPreparedRequest(trx, reviewer, request, '驳回');
    const updated = await trx
      .updateTable('change_requests')
      .set({ state: 'rejected', rejected_by: reviewer.name, rejected_at: new Date(), review_comment: comment, updated_at: new Date(), version: version + 1 })
      .where('id', '=', requestId)
      .where('version', '=', version)
      .where('state', '=', 'prepared')
      .returning('version')
      .executeTakeFirst();
    if (!updated) throw new DecisionError('stale', STALE_CHANGE);
    await recordAudit(trx, {
      actor: reviewer.name,
      action: 'change.returned',
      subject: `change:${requestId}`,
      before: { state: 'prepared', version, preparedBy: found.preparedBy },
      after: { state: 'rejected', version: updated.version, caseId: found.caseId, field: found.field, newValue: found.newValue, comment },
    });
    return { requestId, version: updated.version };
  });
}
