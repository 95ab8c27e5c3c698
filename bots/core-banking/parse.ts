import type { TransactionRecord } from '../records';

const FIELD_BY_HEADER: Record<string, keyof TransactionRecord> = {
  交易流水号: 'id', 交易时间: 'time', 网点: 'branchId', 柜员: 'tellerId', 渠道: 'channel', 交易类型: 'type',
  金额: 'amount', 币种: 'currency', 客户类型: 'customerKind', 账号: 'accountNo', 客户号: 'customerId',
  跨境: 'crossBorder', 现金: 'cash', 状态: 'state', 授权方式: 'authorization', 超限授权: 'overLimit',
  凭证已扫描: 'voucherScanned', 双人复核: 'doubleChecked', '办理时长(秒)': 'handleSeconds',
};
const AUTH = { 无: 'none', 现场: 'onsite', 远程: 'remote' } as const;
const BOOLEAN_FIELDS = new Set(['crossBorder', 'cash', 'overLimit', 'voucherScanned', 'doubleChecked']);

/** Maps header texts to fields; columns may come in any order. Returns the headers it does not know. */
export function headerMap(headers: string[]): { fields: (keyof TransactionRecord | undefined)[]; unknown: string[] } {
  const fields = headers.map((h) => FIELD_BY_HEADER[h.trim()]);
  return { fields, unknown: headers.filter((_, i) => !fields[i]) };
}

/** One table row (cell texts) → a transaction record (validated later against the schema). */
export function parseTransactionRow(cells: string[], fields: (keyof TransactionRecord | undefined)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  fields.forEach((field, i) => {
    if (!field) return;
    const text = (cells[i] ?? '').trim();
    if (BOOLEAN_FIELDS.has(field)) out[field] = text === '是';
    else if (field === 'amount') out[field] = Number(text.replace(/,/g, ''));
    else if (field === 'handleSeconds') out[field] = text === '' ? null : Number(text);
    else if (field === 'tellerId') out[field] = text === '' ? null : text;
    else if (field === 'authorization') out[field] = AUTH[text as keyof typeof AUTH] ?? text;
    else out[field] = text;
  });
  return out;
}

/** "共 1,234 条" → 1234. */
export function parseTotal(text: string): number | undefined {
  const m = /共\s*([\d,]+)\s*条/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : undefined;
}
