import type { BranchCounts } from './view-model';

/** The PDF's branch table, worst first: most critical flags, then high, then mismatching accounts. */
export function rankBranches(branches: readonly BranchCounts[]): BranchCounts[] {
  return [...branches].sort(
    (a, b) =>
      b.bySeverity.critical - a.bySeverity.critical ||
      b.bySeverity.high - a.bySeverity.high ||
      b.byVerdict.mismatch - a.byVerdict.mismatch ||
      (a.branch ?? '').localeCompare(b.branch ?? '', 'zh-CN'),
  );
}
