import type { CorrectionRecord, CustomerRecord, ReconciliationRecord, TransactionRecord } from '../records';

/**
 * Pure parsing of what core banking shows: table headers mapped to record fields by their text
 * (so reordered columns still parse), cell texts converted to typed values, "共 N 条" totals.
 * The records are validated against their zod schema afterwards, by the runtime.
 */
type Convert = (text: string) => unknown;

export interface TableSchema<R> {
  /** Which table, for error messages. */
  name: string;
  /** Header text → record field. */
  headers: Record<string, keyof R & string>;
  /** Field → how its cell text becomes a value (plain text when absent). */
  convert: Partial<Record<keyof R & string, Convert>>;
}

const yesNo: Convert = (t) => (t === '是' ? true : t === '否' ? false : t);
const nullable: Convert = (t) => (t === '' ? null : t);
const number: Convert = (t) => (t === '' ? NaN : Number(t.replace(/,/g, '')));
const nullableInt: Convert = (t) => (t === '' ? null : Number(t));
const AUTH: Record<string, TransactionRecord['authorization']> = { 无: 'none', 现场: 'onsite', 远程: 'remote' };

export const TRANSACTION_TABLE: TableSchema<TransactionRecord> = {
  name: '交易流水',
  headers: {
    交易流水号: 'id', 交易时间: 'time', 网点: 'branchId', 柜员: 'tellerId', 渠道: 'channel', 交易类型: 'type',
    金额: 'amount', 币种: 'currency', 客户类型: 'customerKind', 账号: 'accountNo', 客户号: 'customerId',
    跨境: 'crossBorder', 现金: 'cash', 状态: 'state', 授权方式: 'authorization', 超限授权: 'overLimit',
    凭证已扫描: 'voucherScanned', 双人复核: 'doubleChecked', '办理时长(秒)': 'handleSeconds',
  },
  convert: {
    tellerId: nullable, amount: number, handleSeconds: nullableInt, authorization: (t) => AUTH[t] ?? t,
    crossBorder: yesNo, cash: yesNo, overLimit: yesNo, voucherScanned: yesNo, doubleChecked: yesNo,
  },
};

export const CORRECTION_TABLE: TableSchema<CorrectionRecord> = {
  name: '差错登记',
  headers: { 差错编号: 'id', 登记时间: 'time', 网点: 'branchId', 柜员: 'tellerId', 原交易流水号: 'transactionId', 差错原因: 'reason' },
  convert: { tellerId: nullable },
};

export const RECONCILIATION_TABLE: TableSchema<ReconciliationRecord> = {
  name: '对公对账统计',
  headers: {
    账号: 'accountNo', 户名: 'accountName', 开户网点: 'branchId', 近30天对账确认次数: 'confirmationsLast30',
    前30天对账确认次数: 'confirmationsPrev30', 近30天交易笔数: 'txLast30',
  },
  convert: { confirmationsLast30: number, confirmationsPrev30: number, txLast30: number },
};

export const CUSTOMER_TABLE: TableSchema<CustomerRecord> = {
  name: '客户信息',
  headers: { 客户号: 'customerId', 客户名称: 'name', 开户网点: 'branchId', 证件号码: 'idNumber', 证件有效期: 'idExpiry', 联系电话: 'phone' },
  convert: { phone: nullable },
};

export interface HeaderMapping<R> {
  /** The field of each column, undefined for a column this schema does not know. */
  fields: ((keyof R & string) | undefined)[];
  /** Header texts nobody knows: the portal renamed or added a column. */
  unknown: string[];
  /** Fields no column carries: the portal dropped or renamed one. */
  missing: string[];
}

/** Maps header texts to fields; the columns may come in any order. */
export function mapHeaders<R>(schema: TableSchema<R>, headers: string[]): HeaderMapping<R> {
  const fields = headers.map((h) => schema.headers[h.trim()]);
  const present = new Set(fields);
  const missing = Object.entries(schema.headers).filter(([, f]) => !present.has(f)).map(([h]) => h);
  return { fields, unknown: headers.filter((_, i) => !fields[i]).map((h) => h.trim()), missing };
}

/** What is wrong with a header mapping, for a LayoutError; undefined when it is complete. */
export function headerProblem<R>(schema: TableSchema<R>, m: HeaderMapping<R>): string | undefined {
  if (m.unknown.length) return `${schema.name}: unknown column ${m.unknown.map((h) => `"${h}"`).join(', ')}`;
  if (m.missing.length) return `${schema.name}: missing column ${m.missing.map((h) => `"${h}"`).join(', ')}`;
  return undefined;
}

/** One row of cell texts → a record (validated later against the schema). */
export function parseRow<R>(schema: TableSchema<R>, cells: string[], fields: HeaderMapping<R>['fields']): R {
  const out: Record<string, unknown> = {};
  fields.forEach((field, i) => {
    if (!field) return;
    const text = (cells[i] ?? '').trim();
    const convert = schema.convert[field];
    out[field] = convert ? convert(text) : text;
  });
  return out as R;
}

/** Transactions table headers → fields (kept for callers of the first version). */
export function headerMap(headers: string[]): { fields: HeaderMapping<TransactionRecord>['fields']; unknown: string[] } {
  const { fields, unknown } = mapHeaders(TRANSACTION_TABLE, headers);
  return { fields, unknown };
}

export function parseTransactionRow(cells: string[], fields: HeaderMapping<TransactionRecord>['fields']): TransactionRecord {
  return parseRow(TRANSACTION_TABLE, cells, fields);
}

export { parseStatedTotal as parseTotal } from '../sdk/stated-total';
