// A flag: one finding for one (account, field), as it appears in mismatches.json minus `status`
// (new / recurring is decided later against the previous run).

export const FIELDS = [
  'uscc',
  'notFound',
  'status',
  'name',
  'legalRepresentative',
  'licenseExpiry',
  'registeredCapital',
  'address',
  'businessScope',
  'seriousViolation',
  'abnormalOperation',
] as const;
export type FlagField = (typeof FIELDS)[number];

/** Most severe first; this order is the order of every report. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Stable ids of the rule that fired; `actions.ts` maps each to what a clerk must do. The list is
 * the report's vocabulary, declared once by the template (templates may not import jobs/).
 */
export type { RuleId } from '../../templates/annual-review-check/view-model';
import type { RuleId } from '../../templates/annual-review-check/view-model';

export interface Flag {
  accountNo: string;
  uscc: string;
  /** 存款人名称 as the bank has it. */
  name: string;
  field: FlagField;
  severity: Severity;
  bankValue: string | null;
  registryValue: string | null;
  rule: RuleId;
  /** A Chinese sentence a clerk understands. */
  message: string;
  /** Address only: 0..1 similarity of the two addresses. */
  similarity?: number;
  /**
   * A flag on a field the registry's 变更记录 dates (change-dates.ts), when an entry set the current
   * value: its date, the last day to bring the change to the bank, and the working days past it.
   */
  changedOn?: string;
  reportDueOn?: string;
  overdueWorkingDays?: number;
}

export type Verdict = 'pass' | 'mismatch' | 'unverifiable';

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Sort order of reports: severity, then field order of the spec's table, then account. */
export function compareFlags(a: Flag, b: Flag): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    FIELDS.indexOf(a.field) - FIELDS.indexOf(b.field) ||
    (a.accountNo < b.accountNo ? -1 : a.accountNo > b.accountNo ? 1 : 0)
  );
}
