import { sql, type Transaction } from 'kysely';
import type { Database } from '../../runtime/db';

/** Why the run closed the case a proposal was waiting on: the words kept on the decision. */
const WHY: Record<'superseded' | 'resolved', string> = {
  superseded: '数值已变化，原案件被新案件取代',
  resolved: '字段已一致，案件已解决',
};

/**
 * Withdraws the proposals still waiting for a checker on cases this run closes: a checker must not
 * approve a confirm or dismiss of values that are no longer the case's (superseded), or of a case
 * that has gone away (resolved). Status `withdrawn`, no reviewer (the system did it), the reason
 * in review_comment; the case's own case.superseded / case.resolved audit row names the decisions.
 * Only proposed cases carry a pending proposal, so a run that closes none asks nothing.
 *
 * @returns the withdrawn decision ids by case id.
 */
export async function withdrawPendingProposals(
  trx: Transaction<Database>,
  runId: string,
  closing: readonly { caseId: number; stateBefore: string; closedAs: 'superseded' | 'resolved' }[],
): Promise<Map<number, number[]>> {
  const withdrawn = new Map<number, number[]>();
  const proposed = closing.filter((c) => c.stateBefore === 'proposed');
  if (proposed.length === 0) return withdrawn;
  const { rows } = await sql<{ id: number; case_id: number }>`
    UPDATE decisions d SET status = 'withdrawn', reviewed_at = now(),
      review_comment = '运行 ' || ${runId}::text || ' ：' || x.why || '，待复核的处理意见自动撤销。'
    FROM unnest(${proposed.map((c) => c.caseId)}::bigint[], ${proposed.map((c) => WHY[c.closedAs])}::text[]) AS x(case_id, why)
    WHERE d.case_id = x.case_id AND d.status = 'pending'
    RETURNING d.id, d.case_id`.execute(trx);
  for (const r of rows.sort((a, b) => Number(a.id) - Number(b.id))) {
    const list = withdrawn.get(Number(r.case_id)) ?? withdrawn.set(Number(r.case_id), []).get(Number(r.case_id))!;
    list.push(Number(r.id));
  }
  return withdrawn;
}
