// What the annual-review reports show, decided here: each flag with the action it calls for (and,
// for an expired licence, when and how long ago), the totals by verdict, severity, field and
// branch, the PDF's flags grouped by rule, and the changes customers are late to report. Pure:
// the build step reads and writes the files.

import {
  DETAIL_ROW_LIMIT,
  LATE_CHANGE_ROW_LIMIT,
  type MismatchRow,
  type ReviewReportModel,
  type ReviewTotals,
  type RuleGroup,
  type Severity,
  type UnverifiableRow,
  type InputErrorRow,
  type BranchCounts,
  type CaseSections,
} from '../../templates/annual-review-check/view-model';
import { localDateTimeOf } from '../../bots/records';
import type { DecidedCase, ResolvedCase } from '../review/cases';
import { actionFor } from './actions';
import { parseTermDate } from './dates';
import { FIELDS, SEVERITIES, type RuleId, type Verdict } from './flag';
import type { MismatchEntry, RunCounts } from './outputs';

const DAY_MS = 86_400_000;
const VERDICTS: readonly Verdict[] = ['pass', 'mismatch', 'unverifiable'];

/** Days from an ISO date to the review date (calendar days). */
function daysBefore(iso: string, reviewDate: string): number {
  return Math.round((Date.parse(`${reviewDate}T00:00:00Z`) - Date.parse(`${iso}T00:00:00Z`)) / DAY_MS);
}

/**
 * A mismatch as the reports list it: where the account is kept, the registry screenshot (if any),
 * the action, and for an expired licence the registry's expiry date and how many days ago it was.
 */
export function mismatchRow(entry: MismatchEntry, where: { branch: string | null; evidence?: string; evidencePage?: string }, reviewDate: string): MismatchRow {
  const row: MismatchRow = { ...entry, ...where, action: actionFor(entry.rule) };
  if (entry.rule === 'licenseExpiry.expired') {
    const term = parseTermDate(entry.registryValue);
    if (term?.kind === 'date') row.expiry = { on: term.iso, daysAgo: daysBefore(term.iso, reviewDate) };
  }
  return row;
}

/** The run's totals for the Excel's 汇总 and the PDF's first page, from the counts kept while judging. */
export function reviewTotals(counts: RunCounts, branches: Iterable<BranchCounts>, rows: readonly MismatchRow[]): ReviewTotals {
  const newFlags = (severity: Severity): number => rows.filter((m) => m.severity === severity && m.status === 'new').length;
  return {
    accounts: counts.accounts,
    byVerdict: { ...counts.byVerdict },
    verdictShare: Object.fromEntries(VERDICTS.map((v) => [v, counts.accounts === 0 ? null : counts.byVerdict[v] / counts.accounts])) as Record<Verdict, number | null>,
    flags: counts.flags,
    inputErrors: counts.inputErrors,
    bySeverity: SEVERITIES.map((severity) => ({ severity, flags: counts.bySeverity[severity], newFlags: newFlags(severity) })),
    byField: FIELDS.map((field) => ({
      field,
      flags: counts.byField[field],
      bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, rows.filter((m) => m.field === field && m.severity === s).length])) as Record<Severity, number>,
    })),
    branches: [...branches],
  };
}

/** Flags of the given severities grouped by rule, in the order they come, listing at most `rowLimit` rows. */
function groupByRule(rows: readonly MismatchRow[], severities: readonly Severity[], rowLimit: number): { groups: RuleGroup[]; listed: number } {
  const groups = new Map<RuleId, RuleGroup>();
  let listed = 0;
  for (const m of rows) {
    if (!severities.includes(m.severity)) continue;
    let group = groups.get(m.rule);
    if (!group) groups.set(m.rule, (group = { rule: m.rule, field: m.field, severity: m.severity, action: m.action, count: 0, newCount: 0, rows: [] }));
    group.count++;
    if (m.status === 'new') group.newCount++;
    if (listed < rowLimit) {
      group.rows.push(m);
      listed++;
    }
  }
  return { groups: [...groups.values()], listed };
}

/**
 * The changes customers are late to report (the PBOC's 5 working days are past), longest overdue
 * first; equally late ones keep the report's order (most severe first).
 */
export function lateChanges(rows: readonly MismatchRow[]): MismatchRow[] {
  return rows.filter((m) => (m.overdueWorkingDays ?? 0) > 0).sort((a, b) => (b.overdueWorkingDays ?? 0) - (a.overdueWorkingDays ?? 0));
}

export interface ReviewReportInput {
  reviewDate: string;
  /** 'YYYY-MM-DD HH:mm:ss' Asia/Shanghai. */
  generatedAt: string;
  revision: number;
  totals: ReviewTotals;
  /** Ordered most severe first (buildMismatches). */
  mismatches: readonly MismatchRow[];
  unverifiable: readonly UnverifiableRow[];
  inputErrors: readonly InputErrorRow[];
  problems: readonly string[];
  xlsxName: string;
  /** The review workbench's sections, when the run kept cases. */
  cases?: CaseSections;
}

const textOf = (flag: unknown, key: string): string => {
  const value = (flag as Record<string, unknown> | null)?.[key];
  return typeof value === 'string' ? value : '';
};

/**
 * The reports' case sections from what the ledger answered: the flags whose dismissal holds (their
 * rows, apart from the open findings), the cases this run resolved, the decisions since the last run.
 */
export function caseSections(rows: readonly MismatchRow[], resolved: readonly ResolvedCase[], decided: readonly DecidedCase[]): CaseSections {
  return {
    dismissed: rows.filter((m) => m.status === 'dismissed'),
    resolved: resolved.map((r) => ({
      caseId: r.caseId,
      accountNo: r.accountNo,
      name: textOf(r.flag, 'name'),
      branch: r.branch === '' ? null : r.branch,
      field: r.field as MismatchRow['field'],
      severity: r.severity,
      stateBefore: r.stateBefore,
      bankValue: r.bankValue,
      registryValue: r.registryValue,
    })),
    decided: {
      confirmed: decided.filter((d) => d.kind === 'confirm').length,
      dismissed: decided.filter((d) => d.kind === 'dismiss').length,
      rows: decided.map((d) => ({
        caseId: d.caseId,
        accountNo: d.accountNo,
        field: d.field as MismatchRow['field'],
        severity: d.severity,
        kind: d.kind,
        decidedAt: localDateTimeOf(new Date(d.decidedAt)).slice(0, 16),
        decidedBy: d.decidedBy,
        approvedBy: d.approvedBy,
        detail: d.detail,
      })),
    },
  };
}

/**
 * The ops manager's PDF: critical and high flags by rule, one budget of listed rows shared by
 * both (critical first, so critical items are never crowded out), the changes customers are late
 * to report (longest overdue first), medium and low as counts.
 */
export function reviewReportModel(input: ReviewReportInput): ReviewReportModel {
  const critical = groupByRule(input.mismatches, ['critical'], DETAIL_ROW_LIMIT);
  const high = groupByRule(input.mismatches, ['high'], Math.max(0, DETAIL_ROW_LIMIT - critical.listed));
  const late = lateChanges(input.mismatches);
  return {
    reviewDate: input.reviewDate,
    generatedAt: input.generatedAt,
    revision: input.revision,
    totals: input.totals,
    critical: critical.groups,
    high: high.groups,
    mediumLow: groupByRule(input.mismatches, ['medium', 'low'], 0).groups,
    lateChanges: late.slice(0, LATE_CHANGE_ROW_LIMIT),
    lateChangeCount: late.length,
    unverifiable: input.unverifiable,
    inputErrors: input.inputErrors,
    problems: input.problems,
    xlsxName: input.xlsxName,
    ...(input.cases ? { cases: input.cases } : {}),
  };
}
