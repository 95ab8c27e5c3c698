import type { Kysely } from 'kysely';
import type { ChangeRequestView } from '../../../templates/web/review/change-request-section';
import type { ChangeRequestState, Database } from '../../runtime/db';
import { coversBranch, mayAnswer, mayPropose, type Reviewer } from '../decisions';
import { isWritableField } from './writable-fields';

export const CHANGE_STATE_LABELS: Record<ChangeRequestState, string> = {
  preparing: '准备中（正在填写表单）',
  prepared: '待批准',
  approved: '已批准，待提交',
  rejected: '已驳回（退回经办）',
  submitting: '提交中',
  submitted: '已提交',
  failed: '失败（已退回经办）',
};
const IN_FLIGHT: readonly ChangeRequestState[] = ['preparing', 'prepared', 'approved', 'submitting'];

/** The case page's 变更申请 section: the latest request and what this user may press; undefined when the field is not writable. */
export async function changeRequestView(
  db: Kysely<Database>,
  reviewer: Reviewer,
  kase: { id: number; field: string; state: string; branch: string },
  csrfToken: string,
): Promise<ChangeRequestView | undefined> {
  if (!isWritableField(kase.field)) return undefined;
  const latest = await db.selectFrom('change_requests').selectAll().where('case_id', '=', kase.id).orderBy('id', 'desc').executeTakeFirst();
  const branchOk = coversBranch(reviewer, kase.branch);
  const id = latest ? Number(latest.id) : 0;
  // A checker of the branch, not the preparer, on a request waiting for an answer.
  const answerable = branchOk && mayAnswer(reviewer) && latest?.state === 'prepared' && latest.prepared_by !== reviewer.name;
  return {
    caseId: kase.id,
    csrfToken,
    ...(latest
      ? {
          request: {
            id,
            version: latest.version,
            stateLabel: CHANGE_STATE_LABELS[latest.state],
            newValue: latest.new_value,
            preparedBy: latest.prepared_by,
            ...(latest.approved_by ? { approvedBy: latest.approved_by } : {}),
            ...(latest.request_no ? { requestNo: latest.request_no } : {}),
            ...(latest.error ? { error: latest.error } : {}),
            ...(latest.rejected_by ? { rejectedBy: latest.rejected_by } : {}),
            ...(latest.review_comment ? { reviewComment: latest.review_comment } : {}),
            ...(latest.screenshot ? { screenshotHref: `/cases/${kase.id}/change/${id}/screenshot` } : {}),
          },
        }
      : {}),
    mayPrepare: branchOk && mayPropose(reviewer) && kase.state === 'confirmed' && !(latest && IN_FLIGHT.includes(latest.state)) && latest?.state !== 'submitted',
    mayApprove: answerable && kase.state === 'confirmed',
    mayReject: answerable,
  };
}
