import { sql, type Kysely } from 'kysely';
import { todayInShanghai } from '../../runtime/calendar';
import type { CaseState, Database, Severity } from '../../runtime/db';
import { branchScope, type Reviewer } from '../decisions/reviewer';
import { overdueWorkingDays } from './overdue';
import { PAGE_SIZE, WAITING_STATES, type QueueFilters } from './queue-filters';

/** One row of 我的待办. */
export interface QueueRow {
  id: number;
  accountNo: string;
  /** 存款人名称 as the flag gave it. */
  name: string;
  field: string;
  branch: string;
  severity: Severity;
  state: CaseState;
  bankValue: string;
  registryValue: string;
  dueOn: string;
  escalated: boolean;
  overdue: boolean;
  overdueWorkingDays: number;
}

export interface QueuePage<Row> {
  rows: Row[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

/**
 * 我的待办: the cases of the user's branches that match the filters, escalated first, then by
 * severity, then due date (then id, so pages are stable), one page of PAGE_SIZE. The sort is the
 * order of the indexes cases_queue_idx / cases_branch_queue_idx (0001-initial.ts).
 *
 * @example await listMyQueue(db, clerk, { severity: 'high', due: 'overdue', page: 1 })
 */
export async function listMyQueue(db: Kysely<Database>, reviewer: Reviewer, filters: QueueFilters, today = todayInShanghai()): Promise<QueuePage<QueueRow>> {
  const scope = branchScope(reviewer);
  let query = db.selectFrom('cases').where('state', 'in', filters.state ? [filters.state] : [...WAITING_STATES]);
  if (scope) query = query.where('branch', 'in', [...scope]);
  if (filters.branch) query = query.where('branch', '=', filters.branch);
  if (filters.severity) query = query.where('severity', '=', filters.severity);
  if (filters.field) query = query.where('field', '=', filters.field);
  if (filters.due === 'overdue') query = query.where('due_on', '<', today);
  if (filters.due === 'today') query = query.where('due_on', '<=', today);

  const [rows, count] = await Promise.all([
    query
      .select(['id', 'account_no', 'field', 'branch', 'severity', 'state', 'bank_value', 'registry_value', 'due_on', 'escalated_at'])
      .select(sql<string>`coalesce(flag->>'name', '')`.as('name'))
      .orderBy(sql`escalated_at IS NULL`)
      .orderBy('severity_rank')
      .orderBy('due_on')
      .orderBy('id')
      .limit(PAGE_SIZE)
      .offset((filters.page - 1) * PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const total = Number(count.n);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      accountNo: r.account_no,
      name: r.name,
      field: r.field,
      branch: r.branch,
      severity: r.severity,
      state: r.state,
      bankValue: r.bank_value,
      registryValue: r.registry_value,
      dueOn: r.due_on,
      escalated: r.escalated_at !== null,
      overdue: (r.state === 'open' || r.state === 'proposed') && r.due_on < today,
      overdueWorkingDays: overdueWorkingDays(r.due_on, r.state, today),
    })),
    total,
    page: filters.page,
    pageSize: PAGE_SIZE,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}
