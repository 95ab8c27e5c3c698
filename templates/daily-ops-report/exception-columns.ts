import type { ExceptionListId } from './view-model';

/**
 * How a column's values read: `enum` values are looked up in strings `values`, `enumList` is a
 * list of those, `list` a list of ids, `bool` reads true/false via `values` too, `branch` is a
 * branch code shown by its name (branches.json).
 */
export type ColumnKind =
  | 'text'
  | 'id'
  | 'branch'
  | 'int'
  | 'money'
  | 'decimal'
  | 'share'
  | 'datetime'
  | 'date'
  | 'enum'
  | 'enumList'
  | 'list'
  | 'bool'
  | 'percent100';

export interface ColumnDef {
  field: string;
  /**
   * The header's key in strings `fields`. Several lists have a field of the same name that holds a
   * different thing (`rule` is an SLA rule, a large-value threshold or an AML rule; `type` is a
   * transaction type or a device type), so the header names what this list's column holds.
   */
  label: string;
  kind: ColumnKind;
  /** Excel column width in characters. */
  width: number;
  /** Shown in the PDF too (the Excel has every column). */
  pdf: boolean;
}

/** Kinds whose values are numbers: right-aligned, and so is their header. */
export const NUMERIC_KINDS: ReadonlySet<ColumnKind> = new Set(['int', 'money', 'decimal', 'share', 'percent100']);

const col = (field: string, kind: ColumnKind, width: number, options: { label?: string; pdf?: boolean } = {}): ColumnDef => ({
  field,
  label: options.label ?? field,
  kind,
  width,
  pdf: options.pdf ?? true,
});

const TRANSACTION: ColumnDef[] = [
  col('transactionId', 'id', 19),
  col('time', 'datetime', 19, { label: 'transactionTime' }),
  col('branchId', 'branch', 12),
  col('tellerId', 'id', 10),
  col('channel', 'text', 9, { pdf: false }),
  col('type', 'text', 10, { label: 'transactionType' }),
  col('accountNo', 'id', 19, { pdf: false }),
  col('amount', 'money', 16),
  col('currency', 'text', 6),
  col('amountCny', 'money', 16, { pdf: false }),
  col('state', 'text', 8, { label: 'transactionState', pdf: false }),
];

/** The columns of each exception list, in order. The first column is the source-system id. */
export const EXCEPTION_COLUMNS: Record<ExceptionListId, ColumnDef[]> = {
  slaComplaints: [
    col('complaintId', 'id', 16),
    col('branchId', 'branch', 12),
    col('level', 'int', 6),
    col('rule', 'enum', 26, { label: 'slaRule' }),
    col('receivedAt', 'datetime', 19),
    col('measuredAt', 'datetime', 19),
    col('elapsedSeconds', 'int', 10, { pdf: false }),
    col('customerName', 'text', 10),
    col('customerPhone', 'text', 16),
    col('summary', 'text', 40, { pdf: false }),
  ],
  flaggedTellers: [
    col('tellerId', 'id', 10),
    col('branchId', 'branch', 12),
    col('reversals', 'int', 10),
    col('overLimitAuthorizations', 'int', 10),
    col('reversalTransactionIds', 'list', 60),
    col('overLimitTransactionIds', 'list', 38),
  ],
  anomalyAccounts: [
    col('accountNo', 'id', 19),
    col('accountName', 'text', 28),
    col('branchId', 'branch', 12),
    col('confirmationsPrev30', 'int', 12),
    col('confirmationsLast30', 'int', 12),
    col('confirmationDrop', 'share', 10),
    col('transactionsOnD', 'int', 12),
    col('dailyAverageLast30', 'decimal', 12),
  ],
  largeValueTransactions: [
    col('transactionId', 'id', 19),
    col('time', 'datetime', 19, { label: 'transactionTime' }),
    col('branchId', 'branch', 12),
    col('customerKind', 'text', 8),
    col('rule', 'enum', 22, { label: 'largeValueRule' }),
    col('accountNo', 'id', 19, { pdf: false }),
    col('amount', 'money', 16),
    col('currency', 'text', 6),
    col('amountCny', 'money', 16),
    col('state', 'text', 8, { label: 'transactionState', pdf: false }),
  ],
  overdueAmlAlerts: [
    col('alertId', 'id', 17),
    col('createdAt', 'datetime', 19, { label: 'alertCreatedAt' }),
    col('branchId', 'branch', 12),
    col('rule', 'text', 26, { label: 'amlRule' }),
    col('accountNo', 'id', 19),
    col('state', 'text', 8, { label: 'alertState' }),
    col('handledAt', 'datetime', 19, { pdf: false }),
    col('hoursOpenAtEndOfD', 'decimal', 12),
  ],
  missingVouchers: TRANSACTION,
  complianceExceptions: [...TRANSACTION, col('reasons', 'enumList', 30)],
  customerInfoIssues: [
    col('customerId', 'id', 12),
    col('name', 'text', 10),
    col('branchId', 'branch', 12),
    col('idNumberMasked', 'text', 20),
    col('idExpiry', 'text', 12),
    col('phoneMasked', 'text', 16),
    col('issues', 'enumList', 30),
  ],
  faultyDevices: [
    col('deviceId', 'id', 13),
    col('type', 'text', 10, { label: 'deviceType' }),
    col('branchId', 'branch', 12),
    col('time', 'datetime', 19, { label: 'inspectedAt' }),
    col('faultReason', 'text', 24),
    col('cardReaderOk', 'bool', 10),
    col('printerPaperPct', 'percent100', 12),
  ],
};
