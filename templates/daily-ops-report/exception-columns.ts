import type { ExceptionListId } from '../../jobs/daily-ops-report/exception-rows';

/**
 * How a column's values read: `enum` values are looked up in strings `values`, `enumList` is a
 * list of those, `list` a list of ids, `bool` reads true/false via `values` too.
 */
export type ColumnKind =
  | 'text'
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
  kind: ColumnKind;
  /** Excel column width in characters. */
  width: number;
  /** Shown in the PDF too (the Excel has every column). */
  pdf: boolean;
}

const col = (field: string, kind: ColumnKind, width: number, pdf = true): ColumnDef => ({ field, kind, width, pdf });

const TRANSACTION: ColumnDef[] = [
  col('transactionId', 'text', 22),
  col('time', 'datetime', 19),
  col('branchId', 'text', 10),
  col('tellerId', 'text', 10),
  col('channel', 'text', 9, false),
  col('type', 'text', 12),
  col('accountNo', 'text', 22, false),
  col('amount', 'money', 16),
  col('currency', 'text', 6),
  col('amountCny', 'money', 16, false),
  col('state', 'text', 6, false),
];

/** The columns of each exception list, in order. The first column is the source-system id. */
export const EXCEPTION_COLUMNS: Record<ExceptionListId, ColumnDef[]> = {
  slaComplaints: [
    col('complaintId', 'text', 18),
    col('branchId', 'text', 10),
    col('level', 'int', 6),
    col('rule', 'enum', 26),
    col('receivedAt', 'datetime', 19),
    col('measuredAt', 'datetime', 19),
    col('elapsedSeconds', 'int', 10, false),
    col('customerName', 'text', 10),
    col('customerPhone', 'text', 14),
    col('summary', 'text', 40, false),
  ],
  flaggedTellers: [
    col('tellerId', 'text', 10),
    col('branchId', 'text', 10),
    col('reversals', 'int', 10),
    col('overLimitAuthorizations', 'int', 10),
    col('reversalTransactionIds', 'list', 60),
    col('overLimitTransactionIds', 'list', 40),
  ],
  anomalyAccounts: [
    col('accountNo', 'text', 22),
    col('accountName', 'text', 28),
    col('branchId', 'text', 10),
    col('confirmationsPrev30', 'int', 12),
    col('confirmationsLast30', 'int', 12),
    col('confirmationDrop', 'share', 10),
    col('transactionsOnD', 'int', 12),
    col('dailyAverageLast30', 'decimal', 12),
  ],
  largeValueTransactions: [
    col('transactionId', 'text', 22),
    col('time', 'datetime', 19),
    col('branchId', 'text', 10),
    col('customerKind', 'text', 8),
    col('rule', 'enum', 24),
    col('accountNo', 'text', 22, false),
    col('amount', 'money', 16),
    col('currency', 'text', 6),
    col('amountCny', 'money', 16),
    col('state', 'text', 6, false),
  ],
  overdueAmlAlerts: [
    col('alertId', 'text', 18),
    col('createdAt', 'datetime', 19),
    col('branchId', 'text', 10),
    col('rule', 'text', 24),
    col('accountNo', 'text', 22),
    col('state', 'text', 8),
    col('handledAt', 'datetime', 19, false),
    col('hoursOpenAtEndOfD', 'decimal', 12),
  ],
  missingVouchers: TRANSACTION,
  complianceExceptions: [...TRANSACTION, col('reasons', 'enumList', 30)],
  customerInfoIssues: [
    col('customerId', 'text', 16),
    col('name', 'text', 10),
    col('branchId', 'text', 10),
    col('idNumberMasked', 'text', 20),
    col('idExpiry', 'text', 12),
    col('phoneMasked', 'text', 14),
    col('issues', 'enumList', 30),
  ],
  faultyDevices: [
    col('deviceId', 'text', 16),
    col('type', 'text', 10),
    col('branchId', 'text', 10),
    col('time', 'datetime', 19),
    col('cardReaderOk', 'bool', 10),
    col('printerPaperPct', 'percent100', 12),
  ],
};
