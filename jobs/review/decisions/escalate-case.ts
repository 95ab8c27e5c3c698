import type { Kysely } from 'kysely';
import { recordAudit } from '../../runtime/audit';
import type { Database } from '../../runtime/db';
import { DecisionError } from './decision-error';
import { loadCaseForChange, updateCaseAtVersion } from './load-case-for-change';
import { ESCALATABLE } from './outcomes';
import type { DecisionResult } from './propose-decision';
import { mayEscalate, type Reviewer } from './reviewer';

/**
 * Marks a waiting case escalated (listed first in every queue) with the user's comment, kept as an
 * `escalate` decision; audit `case.escalated`. The state is unchanged. Escalating again adds the
 * comment and keeps the first time it was escalated.
 */
export async function escalateCase(
  db: Kysely<Database>,
  reviewer: Reviewer,
  request: { caseId: number; version: number; comment: string },
): Promise<DecisionResult> {
  if (!mayEscalate(reviewer)) throw new DecisionError('forbidden', '只读用户不能升级案件。');
  const { caseId, version, comment } = request;
  return db.transaction().execute(async (trx) => {
    const current = await loadCaseForChange(trx, reviewer, caseId, version, ESCALATABLE);
    const escalatedAt = current.escalated_at ?? new Date();
    const newVersion = await updateCaseAtVersion(trx, current, { escalated_at: escalatedAt });
    const decision = await trx
      .insertInto('decisions')
      .values({ case_id: caseId, kind: 'escalate', proposed_by: reviewer.name, comment, status: 'effective' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: reviewer.name,
      action: 'case.escalated',
      subject: `case:${caseId}`,
      before: { state: current.state, version: current.version, escalated: current.escalated_at !== null },
      after: { state: current.state, version: newVersion, escalated: true, decisionId: decision.id, comment },
    });
    return { caseId, decisionId: decision.id, state: current.state, version: newVersion };
  });
}
