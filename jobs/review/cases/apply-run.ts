import { sql, type Kysely, type Transaction } from 'kysely';
import { recordAudit, type AuditInput } from '../../runtime/audit/record-audit';
import type { CaseState, Database, JsonValue, Severity } from '../../runtime/db';
import type { CaseSettings } from './case-settings';
import { caseDueDate } from './due-date';
import { planRun, type FlagStep, type LiveCase, type RunPlan } from './plan-run';
import { appliedRun } from './applied-run';
import { withdrawPendingProposals } from './withdraw-pending';
import { caseKey, type ApplyRunResult, type FlagOutcome, type ResolvedCase, type RunFlag } from './run-cases';

export interface ApplyRunInput {
  /** The job whose cases these are (cases.source_job). */
  job: string;
  runId: string;
  flags: readonly RunFlag[];
  /** The day the run applies its flags (Asia/Shanghai): new cases' creation day, and the day dismissals are checked against. */
  today: string;
  config: Pick<CaseSettings, 'slaWorkingDays' | 'dismissalExpiryDays'>;
  /** Did the run judge this (account, field)? Only then may a missing flag resolve its case. Default: every case of the job. */
  covers?: (accountNo: string, field: string) => boolean;
}

const SYSTEM = 'system';
/** Advisory-lock namespace of "a run is applying its flags to this job's cases": two runs of one job never interleave. */
const APPLY_LOCK_NAMESPACE = 7_310_551;

/**
 * Applies one run's flags to the job's cases, in one transaction (review-workbench.md, the run
 * table; see plan-run.ts): new cases, runs attached, superseded and resolved cases, a case_runs row
 * for every case the run touched or saw, and one audit row per case change (actor `system`); a
 * proposal still waiting for a checker on a case the run closes is withdrawn, named in that row. A
 * retried build of the same run changes nothing more and answers what the first one recorded.
 *
 * Batch SQL (arrays through unnest), so 10,000 flags are a handful of statements.
 */
export async function applyRunToCases(db: Kysely<Database>, input: ApplyRunInput): Promise<ApplyRunResult> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${APPLY_LOCK_NAMESPACE}, hashtext(${input.job}))`.execute(trx);
    const earlier = await appliedRun(trx, input.runId, input.flags);
    if (earlier) return earlier;
    const live = await liveCases(trx, input.job, input.config.dismissalExpiryDays);
    const plan = planRun(input.flags, live, input.today, input.covers ?? (() => true));
    return writePlan(trx, input, plan);
  });
}

async function liveCases(trx: Transaction<Database>, job: string, expiryDays: number): Promise<LiveCase[]> {
  const { rows } = await sql<{ id: number; account_no: string; field: string; state: CaseState; fingerprint: string; valid_until: string | null }>`
    SELECT id, account_no, field, state, fingerprint,
      -- A dismissal without its own end day (set when it took effect) holds for the configured days from then.
      CASE WHEN state = 'dismissed' THEN to_char(coalesce(dismissed_until, (updated_at AT TIME ZONE 'Asia/Shanghai')::date + ${expiryDays}::int), 'YYYY-MM-DD') END AS valid_until
    FROM cases WHERE source_job = ${job} AND state IN ('open', 'proposed', 'confirmed', 'dismissed')`.execute(trx);
  return rows.map((r) => ({ id: Number(r.id), accountNo: r.account_no, field: r.field, state: r.state, fingerprint: r.fingerprint, dismissalValidUntil: r.valid_until }));
}

type Opening = Extract<FlagStep, { kind: 'create' | 'supersede' }>;

async function writePlan(trx: Transaction<Database>, input: ApplyRunInput, plan: RunPlan): Promise<ApplyRunResult> {
  const { runId, today } = input;
  const openings = plan.steps.filter((s): s is Opening => s.kind !== 'attach');
  const superseding = openings.filter((s): s is Extract<FlagStep, { kind: 'supersede' }> => s.kind === 'supersede');

  // Close the old cases first: a (job, account, field) has one live case at most (cases_live_idx).
  if (superseding.length > 0) {
    await sql`UPDATE cases SET state = 'superseded', closed_by_run = ${runId}, updated_at = now(), version = version + 1
      WHERE id = ANY(${superseding.map((s) => s.old.id)}::bigint[])`.execute(trx);
  }
  const newIds = await insertCases(trx, input, openings);
  if (superseding.length > 0) {
    await sql`UPDATE cases SET superseded_by = x.new_id FROM unnest(${superseding.map((s) => s.old.id)}::bigint[], ${superseding.map((s) => newIds.get(caseKey(s.flag.accountNo, s.flag.field))!)}::bigint[]) AS x(id, new_id)
      WHERE cases.id = x.id`.execute(trx);
  }
  const resolved = await resolveCases(trx, runId, plan.resolve);
  const withdrawn = await withdrawPendingProposals(trx, runId, [
    ...superseding.map((s) => ({ caseId: s.old.id, stateBefore: s.old.state, closedAs: 'superseded' as const })),
    ...resolved.map((r) => ({ caseId: r.caseId, stateBefore: r.stateBefore, closedAs: 'resolved' as const })),
  ]);
  const withdrawnOf = (caseId: number): { withdrawnDecisions?: number[] } => {
    const ids = withdrawn.get(caseId);
    return ids ? { withdrawnDecisions: ids } : {};
  };

  const outcomes: FlagOutcome[] = plan.steps.map((s) => (s.kind === 'attach' ? { status: s.status, caseId: s.caseId } : { status: 'new', caseId: newIds.get(caseKey(s.flag.accountNo, s.flag.field))! }));
  // New cases got their case_runs row with the insert (insertCases); here the rest.
  const caseRuns: { caseId: number; status: string; flag: JsonValue | null }[] = [
    ...plan.steps.flatMap((s, i) => (s.kind === 'attach' ? [{ caseId: outcomes[i]!.caseId, status: outcomes[i]!.status, flag: s.flag.flag }] : [])),
    ...superseding.map((s) => ({ caseId: s.old.id, status: 'superseded', flag: s.flag.flag })),
    ...resolved.map((r) => ({ caseId: r.caseId, status: 'resolved', flag: null })),
  ];
  if (caseRuns.length > 0) {
    await sql`INSERT INTO case_runs (case_id, run_id, flag_status, flag)
      SELECT c, ${runId}, s, f::jsonb FROM unnest(${caseRuns.map((r) => r.caseId)}::bigint[], ${caseRuns.map((r) => r.status)}::text[], ${caseRuns.map((r) => (r.flag === null ? null : JSON.stringify(r.flag)))}::text[]) AS x(c, s, f)`.execute(trx);
  }

  const audit: AuditInput[] = [
    ...superseding.map((s): AuditInput => ({
      actor: SYSTEM, action: 'case.superseded', subject: `case:${s.old.id}`,
      before: { state: s.old.state, fingerprint: s.old.fingerprint },
      after: { state: 'superseded', supersededBy: newIds.get(caseKey(s.flag.accountNo, s.flag.field))!, fingerprint: s.flag.fingerprint, reason: s.reason, runId, ...withdrawnOf(s.old.id) },
    })),
    ...openings.map((s): AuditInput => {
      const id = newIds.get(caseKey(s.flag.accountNo, s.flag.field))!;
      return {
        actor: SYSTEM, action: 'case.created', subject: `case:${id}`, before: null,
        after: { state: 'open', accountNo: s.flag.accountNo, field: s.flag.field, severity: s.flag.severity, fingerprint: s.flag.fingerprint, dueOn: caseDueDate(today, s.flag.severity, input.config), runId, ...(s.kind === 'supersede' ? { supersedes: s.old.id } : {}) },
      };
    }),
    ...resolved.map((r): AuditInput => ({ actor: SYSTEM, action: 'case.resolved', subject: `case:${r.caseId}`, before: { state: r.stateBefore }, after: { state: 'resolved', runId, ...withdrawnOf(r.caseId) } })),
  ];
  await recordAudit(trx, audit);
  return { flags: outcomes, resolved, superseded: superseding.length, alreadyApplied: false };
}

/** Inserts a new open case for each opening, in the flags' order; their ids by (account, field). */
async function insertCases(trx: Transaction<Database>, input: ApplyRunInput, openings: readonly Opening[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (openings.length === 0) return ids;
  const dueBySeverity = new Map<Severity, string>();
  const dueOn = (severity: Severity) => dueBySeverity.get(severity) ?? dueBySeverity.set(severity, caseDueDate(input.today, severity, input.config)).get(severity)!;
  const f = openings.map((s) => s.flag);
  // WITH ORDINALITY and ORDER BY: ids are handed out in the flags' order (most severe first), so a
  // fresh ledger reads the same every time. The run's case_runs row ('new') is written from the
  // inserted rows, so the flags' JSON crosses the wire once.
  const { rows } = await sql<{ id: number; account_no: string; field: string }>`
    WITH inserted AS (
    INSERT INTO cases (source_job, account_no, field, branch, severity, fingerprint, bank_value, registry_value, flag, due_on, opened_by_run)
    SELECT ${input.job}, a, fi, b, sv, fp, bv, rv, fl::jsonb, d::date, ${input.runId}
    FROM unnest(${f.map((x) => x.accountNo)}::text[], ${f.map((x) => x.field)}::text[], ${f.map((x) => x.branch ?? '')}::text[], ${f.map((x) => x.severity)}::text[],
      ${f.map((x) => x.fingerprint)}::text[], ${f.map((x) => x.bankValue ?? '')}::text[], ${f.map((x) => x.registryValue ?? '')}::text[],
      ${f.map((x) => JSON.stringify(x.flag))}::text[], ${f.map((x) => dueOn(x.severity))}::text[]) WITH ORDINALITY AS x(a, fi, b, sv, fp, bv, rv, fl, d, n)
    ORDER BY n
    RETURNING id, account_no, field, flag),
    attached AS (INSERT INTO case_runs (case_id, run_id, flag_status, flag) SELECT id, ${input.runId}, 'new', flag FROM inserted)
    SELECT id, account_no, field FROM inserted`.execute(trx);
  for (const r of rows) ids.set(caseKey(r.account_no, r.field), Number(r.id));
  return ids;
}

async function resolveCases(trx: Transaction<Database>, runId: string, cases: readonly LiveCase[]): Promise<ResolvedCase[]> {
  if (cases.length === 0) return [];
  const before = new Map(cases.map((c) => [c.id, c.state]));
  const { rows } = await sql<{ id: number; account_no: string; field: string; severity: Severity; branch: string; bank_value: string; registry_value: string; flag: JsonValue }>`
    UPDATE cases SET state = 'resolved', closed_by_run = ${runId}, updated_at = now(), version = version + 1
    WHERE id = ANY(${cases.map((c) => c.id)}::bigint[])
    RETURNING id, account_no, field, severity, branch, bank_value, registry_value, flag`.execute(trx);
  return rows
    .map((r) => ({ caseId: Number(r.id), accountNo: r.account_no, field: r.field, severity: r.severity, branch: r.branch, bankValue: r.bank_value, registryValue: r.registry_value, stateBefore: before.get(Number(r.id))!, flag: r.flag }))
    .sort((a, b) => a.caseId - b.caseId);
}
