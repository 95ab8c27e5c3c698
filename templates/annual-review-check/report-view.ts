// What the ops manager's PDF shows, grouped for reading: critical and high flags by rule (each
// group with its action), medium and low as counts per rule, branches worst first.

import { actionFor } from '../../jobs/annual-review-check/actions';
import type { InputRowError } from '../../jobs/annual-review-check/input/errors';
import type { BranchTally, UnverifiableAccount } from '../../jobs/annual-review-check/build/tally';
import type { FlagField, RuleId, Severity } from '../../jobs/annual-review-check/flag';
import type { RunCounts } from '../../jobs/annual-review-check/outputs';
import type { MismatchRow } from './workbook';

export interface ReviewReportInput {
  reviewDate: string;
  /** 'YYYY-MM-DD HH:mm:ss' Asia/Shanghai. */
  generatedAt: string;
  revision: number;
  counts: RunCounts;
  branches: readonly BranchTally[];
  /** Ordered most severe first (buildMismatches). */
  mismatches: readonly MismatchRow[];
  /** The first unverifiable accounts; counts.byVerdict.unverifiable has the total. */
  unverifiable: readonly UnverifiableAccount[];
  inputErrors: readonly InputRowError[];
  /** Why the result is incomplete (a failed source, lookups missing); empty when complete. */
  problems: readonly string[];
  /** File name of the attached Excel. */
  xlsxName: string;
}

export interface RuleGroup {
  rule: RuleId;
  field: FlagField;
  severity: Severity;
  action: string;
  /** All flags of the rule (count), of which `rows` are listed. */
  count: number;
  newCount: number;
  rows: MismatchRow[];
}

/** Detail rows listed in the PDF for critical + high together; the rest are in the Excel. */
export const DETAIL_ROW_LIMIT = 300;

/** Flags of the given severities grouped by rule, in the order they come (most severe first). */
export function groupByRule(mismatches: readonly MismatchRow[], severities: readonly Severity[], rowLimit: number): { groups: RuleGroup[]; listed: number; total: number } {
  const groups = new Map<RuleId, RuleGroup>();
  let listed = 0;
  let total = 0;
  for (const m of mismatches) {
    if (!severities.includes(m.severity)) continue;
    total++;
    let group = groups.get(m.rule);
    if (!group) groups.set(m.rule, (group = { rule: m.rule, field: m.field, severity: m.severity, action: actionFor(m.rule), count: 0, newCount: 0, rows: [] }));
    group.count++;
    if (m.status === 'new') group.newCount++;
    if (listed < rowLimit) {
      group.rows.push(m);
      listed++;
    }
  }
  return { groups: [...groups.values()], listed, total };
}

/** Worst branches first: most critical flags, then high, then mismatching accounts. */
export function rankBranches(branches: readonly BranchTally[]): BranchTally[] {
  return [...branches].sort(
    (a, b) =>
      b.bySeverity.critical - a.bySeverity.critical ||
      b.bySeverity.high - a.bySeverity.high ||
      b.byVerdict.mismatch - a.byVerdict.mismatch ||
      (a.branch ?? '').localeCompare(b.branch ?? '', 'zh-CN'),
  );
}
