import { sql, type Kysely } from 'kysely';
import type { Database, Severity } from '../../runtime/db';

/** A clerk's decision that took effect (on their own, or approved by a checker). */
export interface DecidedCase {
  caseId: number;
  accountNo: string;
  field: string;
  severity: Severity;
  kind: 'confirm' | 'dismiss';
  decidedBy: string;
  /** The checker who approved it; null when it took effect on the clerk's decision. */
  approvedBy: string | null;
  /** ISO instant it took effect. */
  decidedAt: string;
  /** confirm: the remediation action; dismiss: the reason code. */
  detail: string;
  comment: string;
}

/**
 * What clerks decided on the job's cases since its previous run applied its flags (the PDF's
 * "what clerks decided since the last run"): confirmations and dismissals that took effect, oldest
 * first. `runId` is this run, so its own rows do not count as "the previous run".
 */
export async function decidedSince(db: Kysely<Database>, job: string, runId: string): Promise<DecidedCase[]> {
  const { rows } = await sql<{
    case_id: number; account_no: string; field: string; severity: Severity; kind: 'confirm' | 'dismiss'; proposed_by: string;
    reviewed_by: string | null; decided_at: Date; detail: string | null; comment: string;
  }>`
    WITH previous AS (
      SELECT max(r.attached_at) AS at FROM case_runs r JOIN cases c ON c.id = r.case_id WHERE c.source_job = ${job} AND r.run_id <> ${runId}
    )
    SELECT d.case_id, c.account_no, c.field, c.severity, d.kind, d.proposed_by, d.reviewed_by,
      coalesce(d.reviewed_at, d.proposed_at) AS decided_at, coalesce(d.action, d.reason_code) AS detail, d.comment
    FROM decisions d JOIN cases c ON c.id = d.case_id, previous
    WHERE c.source_job = ${job} AND d.kind IN ('confirm', 'dismiss') AND d.status IN ('approved', 'effective')
      AND coalesce(d.reviewed_at, d.proposed_at) > coalesce(previous.at, '-infinity'::timestamptz)
    ORDER BY decided_at, d.id`.execute(db);
  return rows.map((r) => ({
    caseId: Number(r.case_id), accountNo: r.account_no, field: r.field, severity: r.severity, kind: r.kind,
    decidedBy: r.proposed_by, approvedBy: r.reviewed_by, decidedAt: new Date(r.decided_at).toISOString(), detail: r.detail ?? '', comment: r.comment,
  }));
}
