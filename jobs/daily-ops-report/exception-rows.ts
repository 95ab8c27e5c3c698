import type { SourceId } from './figures';

// The rows of the exception lists (the part people act on). Each row carries the id the source
// system knows it by, so a clerk can find it there; personal data is already masked.

export interface SlaComplaintRow {
  complaintId: string;
  branchId: string;
  level: 1 | 2 | 3;
  receivedAt: string;
  /** The time the SLA measures (first contact / supervisor / closed), or null when none yet. */
  measuredAt: string | null;
  /** Seconds from receipt to `measuredAt`, or null when none yet. */
  elapsedSeconds: number | null;
  rule: 'firstContact30Min' | 'supervisor2h' | 'notClosedOnD';
  customerName: string;
  customerPhone: string | null;
  summary: string;
}

export interface FlaggedTellerRow {
  tellerId: string;
  branchId: string;
  reversals: number;
  overLimitAuthorizations: number;
  reversalTransactionIds: string[];
  overLimitTransactionIds: string[];
}

export interface AnomalyAccountRow {
  accountNo: string;
  accountName: string;
  branchId: string;
  confirmationsLast30: number;
  confirmationsPrev30: number;
  /** Share by which confirmations fell, 0..1. */
  confirmationDrop: number;
  transactionsOnD: number;
  dailyAverageLast30: number;
}

export type LargeValueRule = 'cash' | 'corporateTransfer' | 'personalDomesticTransfer' | 'personalCrossBorderTransfer';

export interface TransactionRowBase {
  transactionId: string;
  time: string;
  branchId: string;
  tellerId: string | null;
  channel: string;
  type: string;
  amount: number;
  currency: string;
  /** Amount in CNY at the configured rate; null when the currency has no rate. */
  amountCny: number | null;
  accountNo: string;
  state: string;
}

export interface LargeValueRow extends TransactionRowBase {
  customerKind: string;
  rule: LargeValueRule;
}

export type ComplianceReason = 'largeWithoutDoubleCheck' | 'counterOutsideHours';
export interface ComplianceRow extends TransactionRowBase {
  reasons: ComplianceReason[];
}

export interface OverdueAlertRow {
  alertId: string;
  createdAt: string;
  rule: string;
  accountNo: string;
  branchId: string;
  state: string;
  handledAt: string | null;
  /** Hours from creation to the end of D. */
  hoursOpenAtEndOfD: number;
}

export type CustomerIssue = 'invalidIdNumber' | 'expiredId' | 'noPhone';
export interface CustomerIssueRow {
  customerId: string;
  name: string;
  branchId: string;
  idNumberMasked: string;
  idExpiry: string;
  phoneMasked: string | null;
  issues: CustomerIssue[];
}

export interface FaultyDeviceRow {
  deviceId: string;
  type: string;
  branchId: string;
  time: string;
  cardReaderOk: boolean | null;
  printerPaperPct: number | null;
  /** What the inspection says is broken (故障描述); null when the portal gave none. */
  faultReason: string | null;
}

export interface ExceptionLists {
  slaComplaints: SlaComplaintRow[];
  flaggedTellers: FlaggedTellerRow[];
  anomalyAccounts: AnomalyAccountRow[];
  largeValueTransactions: LargeValueRow[];
  overdueAmlAlerts: OverdueAlertRow[];
  missingVouchers: TransactionRowBase[];
  complianceExceptions: ComplianceRow[];
  customerInfoIssues: CustomerIssueRow[];
  faultyDevices: FaultyDeviceRow[];
}

export type ExceptionListId = keyof ExceptionLists;

/** The sources each exception list is made from (a list of a missing source is 数据缺失, not empty). */
export const EXCEPTION_LIST_SOURCES = {
  slaComplaints: ['complaints'],
  flaggedTellers: ['transactions'],
  anomalyAccounts: ['reconciliation', 'transactions'],
  largeValueTransactions: ['transactions'],
  overdueAmlAlerts: ['amlAlerts'],
  missingVouchers: ['transactions'],
  complianceExceptions: ['transactions'],
  customerInfoIssues: ['customers'],
  faultyDevices: ['deviceInspections'],
} as const satisfies Record<ExceptionListId, readonly SourceId[]>;
