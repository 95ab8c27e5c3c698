import { sql, type Transaction } from 'kysely';
import type { CaseState, Database, FlagStatus, JsonValue, Severity } from '../../runtime/db';
import { caseKey, type ApplyRunResult, type FlagOutcome, type ResolvedCase, type RunFlag, type RunFlagStatus } from './run-cases';

/**
 * What a run recorded when it applied its flags before (its case_runs rows), or null when it has
 * not: a build retried after the transaction committed answers the same and changes nothing.
 */
export async function appliedRun(trx: Transaction<Database>, runId: string, flags: readonly RunFlag[]): Promise<ApplyRunResult | null> {
  const { rows } = await sql<{
    case_id: number; flag_status: FlagStatus; account_no: string; field: string; severity: Severity; branch: string;
    bank_value: string; registry_value: string; flag: JsonValue;
  }>`
    SELECT r.case_id, r.flag_status, c.account_no, c.field, c.severity, c.branch, c.bank_value, c.registry_value, c.flag
    FROM case_runs r JOIN cases c ON c.id = r.case_id WHERE r.run_id = ${runId}`.execute(trx);
  if (rows.length === 0) return null;
  // The state a resolved case had before: its case.resolved audit row says (only read on this rare path).
  const { rows: audits } = await sql<{ subject: string; state: CaseState }>`
    SELECT subject, before->>'state' AS state FROM audit WHERE action = 'case.resolved' AND after->>'runId' = ${runId}`.execute(trx);
  const stateBefore = new Map(audits.map((a) => [a.subject, a.state]));
  const seen = new Map<string, FlagOutcome>();
  const resolved: ResolvedCase[] = [];
  let superseded = 0;
  for (const r of rows) {
    if (r.flag_status === 'superseded') superseded++;
    else if (r.flag_status === 'resolved') {
      resolved.push({ caseId: Number(r.case_id), accountNo: r.account_no, field: r.field, severity: r.severity, branch: r.branch, bankValue: r.bank_value, registryValue: r.registry_value, stateBefore: stateBefore.get(`case:${r.case_id}`) ?? 'open', flag: r.flag });
    } else seen.set(caseKey(r.account_no, r.field), { status: r.flag_status as RunFlagStatus, caseId: Number(r.case_id) });
  }
  const outcomes = flags.map((f) => {
    const outcome = seen.get(caseKey(f.accountNo, f.field));
    if (!outcome) throw new Error(`run ${runId} applied its flags before, without account ${f.accountNo} field ${f.field}: the retried build flags differently`);
    return outcome;
  });
  return { flags: outcomes, resolved: resolved.sort((a, b) => a.caseId - b.caseId), superseded, alreadyApplied: true };
}
