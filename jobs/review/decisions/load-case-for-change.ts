import type { Transaction } from 'kysely';
import type { Case, CaseState, Database } from '../../runtime/db';
import { DecisionError, STALE_MESSAGE } from './decision-error';
import { STATE_NAMES } from './outcomes';
import { coversBranch, type Reviewer } from './reviewer';

/**
 * The case a decision is about, checked before anything is written: it exists, the user covers its
 * branch, the page's version is the current one, and it is in a state the decision applies to.
 * The UPDATE that follows repeats the version test (`updateCaseAtVersion`), so a writer that slips
 * in between still loses cleanly.
 */
export async function loadCaseForChange(
  trx: Transaction<Database>,
  reviewer: Reviewer,
  caseId: number,
  version: number,
  states: readonly CaseState[],
): Promise<Case> {
  const found = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (!found) throw new DecisionError('notFound', `案件 ${caseId} 不存在。`);
  if (!coversBranch(reviewer, found.branch)) throw new DecisionError('forbidden', `案件 ${caseId} 属于网点 ${found.branch}，不在您的网点范围内。`);
  if (found.version !== version) throw new DecisionError('stale', STALE_MESSAGE);
  if (!states.includes(found.state)) {
    throw new DecisionError('state', `案件 ${caseId} 当前状态为“${STATE_NAMES[found.state]}”，不能执行此操作。`);
  }
  return found;
}

/** UPDATE … WHERE id AND version, version + 1; no row = someone else changed the case first. */
export async function updateCaseAtVersion(
  trx: Transaction<Database>,
  current: Case,
  set: { state?: CaseState; escalated_at?: Date | null; dismissed_until?: string | null },
): Promise<number> {
  const updated = await trx
    .updateTable('cases')
    .set({ ...set, version: current.version + 1, updated_at: new Date() })
    .where('id', '=', current.id)
    .where('version', '=', current.version)
    .returning('version')
    .executeTakeFirst();
  if (!updated) throw new DecisionError('stale', STALE_MESSAGE);
  return updated.version;
}
