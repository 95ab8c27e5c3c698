import type { CorrectionRecord, CustomerRecord, ReconciliationRecord, TransactionRecord } from '../records';
import type { GridColumns } from '../sdk';

/**
 * What core banking's grids (and the transactions export) show: header text → record field (so
 * reordered columns still parse) and how each cell's text becomes a typed value. The SDK's grid
 * reader applies them; the records are validated against their zod schema afterwards.
 */
type Convert = (text: string) => unknown;

const yesNo: Convert = (t) => (t === '是' ? true : t === '否' ? false : t);
const nullable: Convert = (t) => (t === '' ? null : t);
const number: Convert = (t) => (t === '' ? NaN : Number(t.replace(/,/g, '')));
const nullableInt: Convert = (t) => (t === '' ? null : Number(t));
const AUTH: Record<string, TransactionRecord['authorization']> = { 无: 'none', 现场: 'onsite', 远程: 'remote' };

export const TRANSACTION_TABLE: GridColumns<TransactionRecord> = {
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

export const CORRECTION_TABLE: GridColumns<CorrectionRecord> = {
  name: '差错登记',
  headers: { 差错编号: 'id', 登记时间: 'time', 网点: 'branchId', 柜员: 'tellerId', 原交易流水号: 'transactionId', 差错原因: 'reason' },
  convert: { tellerId: nullable },
};

export const RECONCILIATION_TABLE: GridColumns<ReconciliationRecord> = {
  name: '对公对账统计',
  headers: {
    账号: 'accountNo', 户名: 'accountName', 开户网点: 'branchId', 近30天对账确认次数: 'confirmationsLast30',
    前30天对账确认次数: 'confirmationsPrev30', 近30天交易笔数: 'txLast30',
  },
  convert: { confirmationsLast30: number, confirmationsPrev30: number, txLast30: number },
};

export const CUSTOMER_TABLE: GridColumns<CustomerRecord> = {
  name: '客户信息',
  headers: { 客户号: 'customerId', 客户名称: 'name', 开户网点: 'branchId', 证件号码: 'idNumber', 证件有效期: 'idExpiry', 联系电话: 'phone' },
  convert: { phone: nullable },
};
