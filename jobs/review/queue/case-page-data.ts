import type { Kysely } from 'kysely';
import { todayInShanghai } from '../../runtime/calendar';
import type { Case, CaseRun, Database, Decision } from '../../runtime/db';
import { coversBranch, type Reviewer } from '../decisions/reviewer';
import { flagDetails, type FlagDetails } from './flag-evidence';
import { overdueWorkingDays } from './overdue';

/** An earlier (or later) case of the same account, with its decisions. */
export interface AccountCase {
  case: Pick<Case, 'id' | 'field' | 'severity' | 'state' | 'bank_value' | 'registry_value' | 'opened_by_run' | 'created_at'>;
  decisions: Decision[];
}

/** Everything the case page shows (review-workbench.md, web app: 案件). */
export interface CasePageData {
  case: Case;
  flag: FlagDetails;
  /** The run whose folder holds the flag's evidence files (the latest run that saw the case). */
  evidenceRun: string;
  overdue: boolean;
  overdueWorkingDays: number;
  /** This case's decisions, oldest first: proposals, answers, escalations. */
  decisions: Decision[];
  /** The pending proposal a checker answers, if any. */
  pending?: Decision;
  /** The runs that saw it, oldest first. */
  runs: CaseRun[];
  /** The account's other cases of the same job, newest first (at most 50). */
  accountHistory: AccountCase[];
}

/**
 * The case page's data, or undefined when there is no such case or it is outside the user's
 * branches (the page answers 404 either way: a clerk does not learn other branches' case ids).
 */
export async function loadCasePage(db: Kysely<Database>, reviewer: Reviewer, caseId: number, today = todayInShanghai()): Promise<CasePageData | undefined> {
  const found = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (!found || !coversBranch(reviewer, found.branch)) return undefined;

  const [decisions, runs, others] = await Promise.all([
    db.selectFrom('decisions').selectAll().where('case_id', '=', caseId).orderBy('proposed_at').orderBy('id').execute(),
    db.selectFrom('case_runs').selectAll().where('case_id', '=', caseId).orderBy('attached_at').orderBy('run_id').execute(),
    db
      .selectFrom('cases')
      .select(['id', 'field', 'severity', 'state', 'bank_value', 'registry_value', 'opened_by_run', 'created_at'])
      .where('account_no', '=', found.account_no)
      .where('source_job', '=', found.source_job)
      .where('id', '<>', caseId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(50)
      .execute(),
  ]);
  const otherDecisions = others.length
    ? await db
        .selectFrom('decisions')
        .selectAll()
        .where('case_id', 'in', others.map((o) => o.id))
        .orderBy('proposed_at')
        .orderBy('id')
        .execute()
    : [];

  // The flag stored on the latest run that had one: its evidence paths are relative to that run.
  const lastWithFlag = [...runs].reverse().find((r) => r.flag !== null);
  const flag = flagDetails(lastWithFlag?.flag ?? found.flag);
  const evidenceRun = lastWithFlag?.run_id ?? found.opened_by_run;
  const waiting = found.state === 'open' || found.state === 'proposed';
  return {
    case: found,
    flag,
    evidenceRun,
    overdue: waiting && found.due_on < today,
    overdueWorkingDays: overdueWorkingDays(found.due_on, found.state, today),
    decisions,
    pending: decisions.findLast((d) => d.status === 'pending' && d.kind !== 'escalate'),
    runs,
    accountHistory: others.map((o) => ({ case: o, decisions: otherDecisions.filter((d) => d.case_id === o.id) })),
  };
}
