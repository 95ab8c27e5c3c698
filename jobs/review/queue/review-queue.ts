import { sql, type Kysely } from 'kysely';
import { todayInShanghai } from '../../runtime/calendar';
import type { Database, ReasonCode, Severity } from '../../runtime/db';
import { branchScope, mayAnswer, type Reviewer } from '../decisions/reviewer';
import type { QueuePage } from './my-queue';
import { PAGE_SIZE } from './queue-filters';

/** One row of 待复核: a pending proposal and its case. */
export interface ReviewRow {
  caseId: number;
  caseVersion: number;
  decisionId: number;
  accountNo: string;
  name: string;
  field: string;
  branch: string;
  severity: Severity;
  kind: 'confirm' | 'dismiss';
  action: string | null;
  reasonCode: ReasonCode | null;
  comment: string;
  proposedBy: string;
  proposedAt: Date;
  dueOn: string;
  escalated: boolean;
  overdue: boolean;
}

/**
 * 待复核: pending proposals on cases of the checker's branches, except their own (four eyes),
 * escalated first, then severity, then due date. Empty for a user who may not answer.
 */
export async function listPendingReviews(db: Kysely<Database>, reviewer: Reviewer, page = 1, today = todayInShanghai()): Promise<QueuePage<ReviewRow>> {
  if (!mayAnswer(reviewer)) return { rows: [], total: 0, page: 1, pageSize: PAGE_SIZE, pages: 1 };
  const scope = branchScope(reviewer);
  let query = db
    .selectFrom('decisions as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .where('d.status', '=', 'pending')
    .where('d.kind', 'in', ['confirm', 'dismiss'])
    .where('c.state', '=', 'proposed')
    .where('d.proposed_by', '<>', reviewer.name);
  if (scope) query = query.where('c.branch', 'in', [...scope]);
  const [rows, count] = await Promise.all([
    query
      .select(['c.id as caseId', 'c.version as caseVersion', 'd.id as decisionId', 'c.account_no', 'c.field', 'c.branch', 'c.severity', 'c.due_on', 'c.escalated_at'])
      .select(['d.kind', 'd.action', 'd.reason_code', 'd.comment', 'd.proposed_by', 'd.proposed_at'])
      .select(sql<string>`coalesce(c.flag->>'name', '')`.as('name'))
      .orderBy(sql`c.escalated_at IS NULL`)
      .orderBy('c.severity_rank')
      .orderBy('c.due_on')
      .orderBy('c.id')
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const total = Number(count.n);
  return {
    rows: rows.map((r) => ({
      caseId: r.caseId,
      caseVersion: r.caseVersion,
      decisionId: r.decisionId,
      accountNo: r.account_no,
      name: r.name,
      field: r.field,
      branch: r.branch,
      severity: r.severity,
      kind: r.kind === 'dismiss' ? 'dismiss' : 'confirm',
      action: r.action,
      reasonCode: r.reason_code,
      comment: r.comment,
      proposedBy: r.proposed_by,
      proposedAt: r.proposed_at,
      dueOn: r.due_on,
      escalated: r.escalated_at !== null,
      overdue: r.due_on < today,
    })),
    total,
    page,
    pageSize: PAGE_SIZE,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}
