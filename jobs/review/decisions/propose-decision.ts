import type { Kysely } from 'kysely';
import { recordAudit } from '../../runtime/audit';
import { addDays, todayInShanghai } from '../../runtime/calendar';
import type { CaseState, Database } from '../../runtime/db';
import type { ProposalInput } from './decision-input';
import { DecisionError } from './decision-error';
import { loadCaseForChange, updateCaseAtVersion } from './load-case-for-change';
import { proposalOutcome, PROPOSABLE } from './outcomes';
import type { ReviewPolicy } from './review-policy';
import { mayPropose, type Reviewer } from './reviewer';

export interface DecisionResult {
  caseId: number;
  decisionId: number;
  state: CaseState;
  /** The case's version after the change (the next form carries it). */
  version: number;
}

/**
 * A clerk's confirm or dismiss on an open case, in one transaction with its audit row: for a
 * four-eyes severity it waits for a checker (`proposed`, audit `case.proposed`), otherwise it takes
 * effect (`confirmed` / `dismissed`, audit `case.confirmed` / `case.dismissed`). A dismissal that
 * takes effect holds for `policy.dismissalDays`. Throws DecisionError and changes nothing when the
 * user may not, the case is not open, or the page's version is stale.
 *
 * @example
 * await proposeDecision(db, policy, clerk, { caseId: 7, version: 1, input: parseProposal(req.body) });
 */
export async function proposeDecision(
  db: Kysely<Database>,
  policy: ReviewPolicy,
  reviewer: Reviewer,
  request: { caseId: number; version: number; input: ProposalInput; today?: string },
): Promise<DecisionResult> {
  if (!mayPropose(reviewer)) throw new DecisionError('forbidden', '只有经办或管理员可以提出处理意见。');
  const { caseId, version, input } = request;
  return db.transaction().execute(async (trx) => {
    const current = await loadCaseForChange(trx, reviewer, caseId, version, PROPOSABLE);
    const outcome = proposalOutcome(policy, current.severity, input.kind);
    const dismissedUntil = outcome.caseState === 'dismissed' ? addDays(request.today ?? todayInShanghai(), policy.dismissalDays) : null;
    const newVersion = await updateCaseAtVersion(trx, current, { state: outcome.caseState, dismissed_until: dismissedUntil });
    const decision = await trx
      .insertInto('decisions')
      .values({
        case_id: caseId,
        kind: input.kind,
        proposed_by: reviewer.name,
        action: input.kind === 'confirm' ? input.action : null,
        reason_code: input.kind === 'dismiss' ? input.reasonCode : null,
        comment: input.comment,
        status: outcome.decisionStatus,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: reviewer.name,
      action: outcome.auditAction,
      subject: `case:${caseId}`,
      before: { state: current.state, version: current.version },
      after: {
        state: outcome.caseState,
        version: newVersion,
        decisionId: decision.id,
        kind: input.kind,
        ...(input.kind === 'confirm' ? { action: input.action } : { reasonCode: input.reasonCode }),
        comment: input.comment,
        ...(dismissedUntil ? { dismissedUntil } : {}),
      },
    });
    return { caseId, decisionId: decision.id, state: outcome.caseState, version: newVersion };
  });
}
