// What the annual-review reports draw, as the job hands it over: every flag with its action,
// the totals by verdict, severity, field and branch, the flags grouped by rule. The template only
// lays these out and labels them; it counts, judges and dates nothing.
//
// The vocabularies (fields, severities, rules, verdicts) are the job's (jobs/annual-review-check/
// flag.ts); they are spelled here as the words the template has labels for.

export type Severity = 'critical' | 'high' | 'medium' | 'low';

export type FlagField =
  | 'uscc'
  | 'notFound'
  | 'status'
  | 'name'
  | 'legalRepresentative'
  | 'licenseExpiry'
  | 'registeredCapital'
  | 'address'
  | 'businessScope'
  | 'seriousViolation'
  | 'abnormalOperation';

export type RuleId =
  | 'uscc.empty'
  | 'uscc.length'
  | 'uscc.alphabet'
  | 'uscc.checkChar'
  | 'uscc.orgCodeCheckDigit'
  | 'notFound'
  | 'status.revoked'
  | 'status.cancelled'
  | 'status.deregistered'
  | 'status.movedOut'
  | 'status.suspended'
  | 'status.liquidating'
  | 'status.unrecognised'
  | 'name.differs'
  | 'legalRepresentative.differs'
  | 'licenseExpiry.expired'
  | 'licenseExpiry.differs'
  | 'registeredCapital.amount'
  | 'registeredCapital.currency'
  | 'registeredCapital.unparseable'
  | 'address.differs'
  | 'businessScope.differs'
  | 'seriousViolation'
  | 'abnormalOperation';

export type Verdict = 'pass' | 'mismatch' | 'unverifiable';

/**
 * New since the previous run of the job, or flagged then too; with the review workbench, confirmed
 * or dismissed once a clerk's decision on the flag's case took effect.
 */
export type MismatchStatus = 'new' | 'recurring' | 'confirmed' | 'dismissed';

/** One flag as the reports show it: its mismatches.json entry and what the reports add. */
export interface MismatchRow {
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
  /** When the registry changed the field (its 变更记录), if an entry set the current value. */
  changedOn?: string;
  /** The last day the customer had to bring that change to the bank (5 working days). */
  reportDueOn?: string;
  /** Working days past `reportDueOn` on the review date; 0 when still within the time. */
  overdueWorkingDays?: number;
  status: MismatchStatus;
  /** The flag's case in the review workbench, when the run kept cases. */
  caseId?: number;
  /** The account's branch (开户网点), null when the bank's record has none. */
  branch: string | null;
  /** Screenshot path relative to the run folder (where the workbook is written). */
  evidence?: string;
  /** The first registry page kept for the company (gzip of the bytes as received), relative to the run folder. */
  evidencePage?: string;
  /** What the finding calls for (处理建议). */
  action: string;
  /** An expired licence whose registry term is a date: that date, and how many days before the review. */
  expiry?: { on: string; daysAgo: number };
}

/** One judged account, as the passed / unverifiable sheets need it. */
export interface WorkbookAccount {
  accountNo: string;
  name: string;
  uscc: string;
  branch: string | null;
  verdict: Verdict;
  /** Why the lookup failed, for unverifiable accounts. */
  error?: string;
}

/** A row of the accounts file that could not be used (its number as the user sees it in Excel). */
export interface InputErrorRow {
  row: number;
  accountNo?: string;
  error: string;
}

/** An account the registry could not be read for. */
export interface UnverifiableRow {
  accountNo: string;
  name: string;
  uscc: string;
  branch: string | null;
  error: string;
}

/** One branch's accounts by verdict and flags by severity. */
export interface BranchCounts {
  /** null: the accounts without a branch in the bank's record. */
  branch: string | null;
  accounts: number;
  byVerdict: Record<Verdict, number>;
  bySeverity: Record<Severity, number>;
}

/** The run's totals, as the Excel's 汇总 sheet and the PDF's first page show them. */
export interface ReviewTotals {
  accounts: number;
  byVerdict: Record<Verdict, number>;
  /** Each verdict's share of the accounts (0..1); null when there are no accounts. */
  verdictShare: Record<Verdict, number | null>;
  flags: number;
  inputErrors: number;
  /** Most severe first: the flags of each severity, and how many of them are new. */
  bySeverity: readonly { severity: Severity; flags: number; newFlags: number }[];
  /** In the spec's field order: the flags of each field, and of each field by severity. */
  byField: readonly { field: FlagField; flags: number; bySeverity: Record<Severity, number> }[];
  /** Every branch of the accounts (in no particular order). */
  branches: readonly BranchCounts[];
}

/** The flags of one rule, with the action they call for; `rows` are those the PDF lists. */
export interface RuleGroup {
  rule: RuleId;
  field: FlagField;
  severity: Severity;
  action: string;
  /** All flags of the rule, of which `rows` are listed. */
  count: number;
  newCount: number;
  rows: MismatchRow[];
}

/**
 * Detail rows the PDF lists for critical and high together (critical first); the rest are in the
 * Excel. The job fills the rule groups up to this many rows.
 */
export const DETAIL_ROW_LIMIT = 300;

/** Rows the PDF lists of the changes customers are late to report; the rest are in the Excel. */
export const LATE_CHANGE_ROW_LIMIT = 100;

/** A case the run resolved: it was flagged before and the bank and the registry now agree. */
export interface ResolvedCaseRow {
  caseId: number;
  accountNo: string;
  /** 存款人名称 as the flag that opened the case had it. */
  name: string;
  branch: string | null;
  field: FlagField;
  severity: Severity;
  /** 待处理 / 待复核 / 已确认: the case's state before the run resolved it. */
  stateBefore: string;
  /** The values the case was opened on. */
  bankValue: string;
  registryValue: string;
}

/** A clerk's decision that took effect since the previous run. */
export interface DecidedCaseRow {
  caseId: number;
  accountNo: string;
  field: FlagField;
  severity: Severity;
  kind: 'confirm' | 'dismiss';
  /** 'YYYY-MM-DD HH:mm' Asia/Shanghai. */
  decidedAt: string;
  /** The clerk, and the checker who approved it (four eyes) when one did. */
  decidedBy: string;
  approvedBy: string | null;
  /** confirm: the remediation action; dismiss: the reason code. */
  detail: string;
}

/**
 * What the review workbench adds to the reports when the run kept cases: the flags clerks dismissed
 * (and whose dismissal still holds), the cases the run resolved, what clerks decided since the
 * previous run. Absent when the run kept no cases (no database).
 */
export interface CaseSections {
  /** Flags with status `dismissed`, most severe first: listed apart, not among the open findings. */
  dismissed: readonly MismatchRow[];
  resolved: readonly ResolvedCaseRow[];
  decided: { confirmed: number; dismissed: number; rows: readonly DecidedCaseRow[] };
}

/** Rows the PDF lists of each case section; the Excel has them all. */
export const CASE_SECTION_ROW_LIMIT = 100;

/** The ops manager's PDF, finished. */
export interface ReviewReportModel {
  reviewDate: string;
  /** 'YYYY-MM-DD HH:mm:ss' Asia/Shanghai. */
  generatedAt: string;
  revision: number;
  totals: ReviewTotals;
  /** Critical and high flags by rule, in the order they come (most severe first). */
  critical: readonly RuleGroup[];
  high: readonly RuleGroup[];
  /** Medium and low flags by rule, counted, no rows. */
  mediumLow: readonly RuleGroup[];
  /**
   * The flags whose registry change the customer is late to bring to the bank (overdue working days
   * above 0), longest overdue first, at most LATE_CHANGE_ROW_LIMIT; `lateChangeCount` has them all.
   */
  lateChanges: readonly MismatchRow[];
  lateChangeCount: number;
  /** The first unverifiable accounts; totals.byVerdict.unverifiable has how many there are. */
  unverifiable: readonly UnverifiableRow[];
  inputErrors: readonly InputErrorRow[];
  /** Why the result is incomplete (a failed source, lookups missing); empty when complete. */
  problems: readonly string[];
  /** File name of the attached Excel. */
  xlsxName: string;
  /** The review workbench's sections; absent when the run kept no cases. */
  cases?: CaseSections;
}
