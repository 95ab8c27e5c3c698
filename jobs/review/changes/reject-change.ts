import type { Kysely } from 'kysely';
import type { Database } from '../../runtime/db';
import type { Reviewer } from '../decisions';
import { answerPreparedRequest, loadPreparedRequest } from './load-prepared-request';

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
  const { comment } = request;
  return db.transaction().execute(async (trx) => {
    const found = await loadPreparedRequest(trx, reviewer, request, '驳回');
    return answerPreparedRequest(trx, reviewer, found, {
      state: 'rejected',
      set: { rejected_by: reviewer.name, rejected_at: new Date(), review_comment: comment },
      action: 'change.returned',
      after: { comment },
    });
  });
}
