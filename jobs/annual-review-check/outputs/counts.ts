// Totals of one run, for manifest.json, the Excel summary sheet and the PDF cover.

import type { Flag, FlagField, Severity, Verdict } from '../flag';
import { FIELDS, SEVERITIES } from '../flag';

export interface RunCounts {
  accounts: number;
  byVerdict: Record<Verdict, number>;
  flags: number;
  bySeverity: Record<Severity, number>;
  byField: Record<FlagField, number>;
  inputErrors: number;
}

export function emptyCounts(): RunCounts {
  return {
    accounts: 0,
    byVerdict: { pass: 0, mismatch: 0, unverifiable: 0 },
    flags: 0,
    bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
    byField: Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<FlagField, number>,
    inputErrors: 0,
  };
}

/** Adds one judged account to the running totals (mutates and returns `counts`). */
export function countAccount(counts: RunCounts, verdict: Verdict, flags: readonly Flag[]): RunCounts {
  counts.accounts++;
  counts.byVerdict[verdict]++;
  for (const flag of flags) {
    counts.flags++;
    counts.bySeverity[flag.severity]++;
    counts.byField[flag.field]++;
  }
  return counts;
}
