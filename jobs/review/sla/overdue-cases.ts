import type { Kysely } from 'kysely';
import type { Database, Severity } from '../../runtime/db';

/** The severities the digest reports (the spec: "overdue critical / high cases"). */
export const DIGEST_SEVERITIES: readonly Severity[] = ['critical', 'high'];

/** One overdue case as the digest lists it. */
export interface OverdueCase {
  id: number;
  accountNo: string;
  field: string;
  branch: string;
  severity: Severity;
  state: 'open' | 'proposed';
  dueOn: string;
  escalated: boolean;
}

/**
 * Cases still waiting for someone (`open`: a clerk; `proposed`: a checker) whose due date is
 * before `day`, critical first, then the longest overdue. Decided, resolved and superseded cases
 * are not overdue: nobody owes them anything. Served by the partial index cases_due_idx.
 */
export async function overdueCases(db: Kysely<Database>, day: string, severities: readonly Severity[] = DIGEST_SEVERITIES): Promise<OverdueCase[]> {
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'account_no', 'field', 'branch', 'severity', 'state', 'due_on', 'escalated_at'])
    .where('state', 'in', ['open', 'proposed'])
    .where('due_on', '<', day)
    .where('severity', 'in', [...severities])
    .orderBy('severity_rank')
    .orderBy('due_on')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id, accountNo: r.account_no, field: r.field, branch: r.branch, severity: r.severity,
    state: r.state as OverdueCase['state'], dueOn: r.due_on, escalated: r.escalated_at !== null,
  }));
}
