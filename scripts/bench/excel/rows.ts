// The rows of the Excel benchmark: N transactions of the large bank's day as a detail sheet's
// cells (text, a date-time, money, flags), the same rows for every contender.

import type { CellValue } from 'exceljs';
import { transactionsOf } from '../../../fixtures/generator/transactions';
import { buildWorld } from '../../../fixtures/generator/world';
import type { TableColumn } from '../../../templates/render/xlsx/table-sheet';

export const DETAIL_COLUMNS: TableColumn[] = [
  { header: '交易流水号', width: 22 },
  { header: '交易时间', width: 19 },
  { header: '网点', width: 10 },
  { header: '柜员', width: 10 },
  { header: '渠道', width: 9 },
  { header: '交易类型', width: 12 },
  { header: '账号', width: 22 },
  { header: '金额', width: 16, numFmt: '#,##0.00' },
  { header: '币种', width: 6 },
  { header: '客户类型', width: 8 },
  { header: '现金', width: 6 },
  { header: '跨境', width: 6 },
  { header: '状态', width: 8 },
  { header: '办理时长(秒)', width: 10, numFmt: '0' },
];

/** All rows in memory before the clock starts, so generating them is not part of either figure. */
export function detailRows(count: number, seed = 42, date = '2026-11-20'): CellValue[][] {
  const rows: CellValue[][] = [];
  for (const t of transactionsOf(buildWorld(seed, 'large'), date, 0, count)) {
    rows.push([t.id, t.time, t.branchId, t.tellerId, t.channel, t.type, t.accountNo, t.amount, t.currency, t.customerKind, t.cash ? '是' : '否', t.crossBorder ? '是' : '否', t.state, t.handleSeconds]);
  }
  if (rows.length !== count) throw new Error(`the large day has ${rows.length} transactions, the benchmark needs ${count}`);
  return rows;
}
