// The entries of mismatches.json: one object per flag, most severe first, each marked new or
// recurring against the previous run of the job (same account number and field). Pure; the file
// is read and written by mismatches-file.ts.
//
// Example:
//   buildMismatches(flags, new Set([mismatchKey({ accountNo: '001', field: 'name' })]))

import type { Flag } from '../flag';
import { compareFlags } from '../flag';

/**
 * `new` / `recurring` against the previous run; with the case ledger, `confirmed` or `dismissed`
 * once a clerk's decision on the flag's case took effect (annual-review-check.md, Outputs).
 */
export type MismatchStatus = 'new' | 'recurring' | 'confirmed' | 'dismissed';
/** `caseId`: the flag's case in the ledger, when the run kept cases. */
export type MismatchEntry = Flag & { status: MismatchStatus; caseId?: number };

export function mismatchKey(flag: Pick<Flag, 'accountNo' | 'field'>): string {
  return `${flag.accountNo}\u0000${flag.field}`;
}

/** Keys in the spec's order, so the file reads the same as the spec; optional keys only when present. */
function entryOf(flag: Flag, status: MismatchStatus): MismatchEntry {
  const entry: Flag = {
    accountNo: flag.accountNo,
    uscc: flag.uscc,
    name: flag.name,
    field: flag.field,
    severity: flag.severity,
    bankValue: flag.bankValue,
    registryValue: flag.registryValue,
    rule: flag.rule,
    message: flag.message,
  };
  if (flag.similarity !== undefined) entry.similarity = flag.similarity;
  if (flag.changedOn !== undefined) entry.changedOn = flag.changedOn;
  if (flag.reportDueOn !== undefined) entry.reportDueOn = flag.reportDueOn;
  if (flag.overdueWorkingDays !== undefined) entry.overdueWorkingDays = flag.overdueWorkingDays;
  return Object.assign(entry, { status });
}

export function buildMismatches(flags: Iterable<Flag>, previousKeys: ReadonlySet<string>): MismatchEntry[] {
  return [...flags].sort(compareFlags).map((flag) => entryOf(flag, previousKeys.has(mismatchKey(flag)) ? 'recurring' : 'new'));
}
