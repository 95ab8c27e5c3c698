// The build's hand-over to the case ledger (review-workbench.md): the run's flags applied to the
// job's cases in one transaction, then each mismatches.json entry's status and caseId from it,
// the cases the run resolved, and what clerks decided since the previous run (for the PDF).

import type { Kysely } from 'kysely';
import { dateInZone } from '../../runtime/calendar/zoned-date';
import { applyRunToCases, caseSettingsOf, decidedSince, type DecidedCase, type ResolvedCase } from '../../review/cases';
import type { Config } from '../../runtime/config/schema';
import type { Database, JsonValue } from '../../runtime/db';
import { caseFlagOf } from '../case-values';
import type { FlagField } from '../flag';
import { withCaseOutcomes } from '../outputs/mismatch-cases';
import type { MismatchWithEvidence } from '../outputs/mismatch-evidence';

export interface KeptCases {
  /** The entries with the ledger's status and their caseId. */
  entries: MismatchWithEvidence[];
  resolved: ResolvedCase[];
  /** Confirmations and dismissals that took effect since the previous run. */
  decided: DecidedCase[];
  superseded: number;
}

/** Fields compared when the code itself was flagged: "no other field of that account is compared" (spec). */
const CODE_FIELDS: ReadonlySet<string> = new Set<FlagField>(['uscc', 'notFound']);

export async function keepCases(
  cases: { db: Kysely<Database>; config: Config },
  run: { job: string; runId: string },
  entries: readonly MismatchWithEvidence[],
  branchOf: (accountNo: string) => string | null,
  /** Accounts the run judged (pass or mismatch): only their cases may resolve; an unverifiable one resolves nothing. */
  judged: ReadonlySet<string>,
): Promise<KeptCases> {
  const codeOnly = new Set(entries.filter((e) => CODE_FIELDS.has(e.field)).map((e) => e.accountNo));
  const covers = (accountNo: string, field: string) => judged.has(accountNo) && (!codeOnly.has(accountNo) || CODE_FIELDS.has(field));
  const flags = entries.map(({ status: _againstPrevious, ...entry }) => caseFlagOf(entry, branchOf(entry.accountNo), entry as unknown as JsonValue));
  const applied = await applyRunToCases(cases.db, {
    job: run.job,
    runId: run.runId,
    flags,
    today: dateInZone(new Date(), 'Asia/Shanghai'),
    config: caseSettingsOf(cases.config),
    covers,
  });
  const decided = await decidedSince(cases.db, run.job, run.runId);
  return { entries: withCaseOutcomes(entries, applied.flags), resolved: applied.resolved, decided, superseded: applied.superseded };
}
