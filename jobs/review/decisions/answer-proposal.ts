import type { Kysely } from 'kysely';
import { recordAudit } from '../../runtime/audit';
import { addDays, todayInShanghai } from '../../runtime/calendar';
import type { Database } from '../../runtime/db';
import type { AnswerInput } from './decision-input';
import { DecisionError } from './decision-error';
import { loadCaseForChange, updateCaseAtVersion } from './load-case-for-change';
import { approvedState } from './outcomes';
import type { DecisionResult } from './propose-decision';
import type { ReviewPolicy } from './review-policy';
import { mayAnswer, type Reviewer } from './reviewer';

/**
 * A checker's approve or reject of the pending proposal on a `proposed` case, never their own:
 * approve puts the case in `confirmed` / `dismissed` (audit `case.approved`), reject sends it back
 * to `open` with the checker's comment on the decision (audit `case.rejected`). One transaction;
 * DecisionError and nothing changed otherwise. The database's four-eyes CHECK backs the test here.
 */
export async function answerProposal(
  db: Kysely<Database>,
  policy: ReviewPolicy,
  reviewer: Reviewer,
  request: { caseId: number; version: number; input: AnswerInput; today?: string },
): Promise<DecisionResult> {
  if (!mayAnswer(reviewer)) throw new DecisionError('forbidden', '只有复核或管理员可以复核处理意见。');
  const { caseId, version, input } = request;
  return db.transaction().execute(async (trx) => {
    const current = await loadCaseForChange(trx, reviewer, caseId, version, ['proposed']);
    const pending = await trx
      .selectFrom('decisions')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('status', '=', 'pending')
      .orderBy('proposed_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!pending || pending.kind === 'escalate') throw new DecisionError('state', `案件 ${caseId} 没有待复核的处理意见。`);
    if (pending.proposed_by === reviewer.name) throw new DecisionError('forbidden', '不能复核自己提出的处理意见（双人复核）。');

    const approved = input.verdict === 'approve';
    const state = approved ? approvedState(pending.kind) : 'open';
    const dismissedUntil = state === 'dismissed' ? addDays(request.today ?? todayInShanghai(), policy.dismissalDays) : null;
    const newVersion = await updateCaseAtVersion(trx, current, { state, dismissed_until: dismissedUntil });
    const answered = await trx
      .updateTable('decisions')
      .set({ status: approved ? 'approved' : 'rejected', reviewed_by: reviewer.name, reviewed_at: new Date(), review_comment: input.comment })
      .where('id', '=', pending.id)
      .where('status', '=', 'pending')
      .returning('id')
      .executeTakeFirst();
    // The case's version already serialises answers; this guards a decision row changed by hand.
    if (!answered) throw new DecisionError('stale', '该处理意见已被他人复核，本次操作未保存。请刷新页面。');
    await recordAudit(trx, {
      actor: reviewer.name,
      action: approved ? 'case.approved' : 'case.rejected',
      subject: `case:${caseId}`,
      before: { state: current.state, version: current.version, decisionId: pending.id, proposedBy: pending.proposed_by },
      after: { state, version: newVersion, decisionId: pending.id, comment: input.comment, ...(dismissedUntil ? { dismissedUntil } : {}) },
    });
    return { caseId, decisionId: pending.id, state, version: newVersion };
  });
}
