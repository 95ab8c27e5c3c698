// Pure parsing of core banking's tables and export: headers by text in any order, cell texts to
// typed values, and every generated record surviving the round trip through the portal's columns.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { gbkCsvRows } from '../../../bots/core-banking/export-csv';
import { CORRECTION_TABLE, CUSTOMER_TABLE, RECONCILIATION_TABLE, TRANSACTION_TABLE } from '../../../bots/core-banking/parse';
import { headerProblem, mapHeaders, parseRow, parseStatedTotal as parseTotal, type GridColumns } from '../../../bots/sdk';
import { correctionsOf } from '../../../fixtures/generator/corrections';
import { customersOf } from '../../../fixtures/generator/customers-touched';
import { reconciliationOf } from '../../../fixtures/generator/reconciliation';
import { transactionsOf } from '../../../fixtures/generator/transactions';
import { buildWorld } from '../../../fixtures/generator/world';
import {
  CORRECTION_COLUMNS, CUSTOMER_COLUMNS, RECONCILIATION_COLUMNS, TRANSACTION_COLUMNS, variantColumns, type Column,
} from '../../../fixtures/portals/core-banking/columns';

const world = buildWorld(3, 'small');
const DATE = '2025-06-30';

function roundTrip<R>(schema: GridColumns<R>, columns: Column<R>[], records: R[]): R[] {
  const m = mapHeaders(schema, columns.map((c) => c.header));
  expect(headerProblem(schema, m)).toBeUndefined();
  return records.map((r, i) => parseRow(schema, columns.map((c) => c.cell(r)), m.fields, i + 1));
}

describe('core-banking parse', () => {
  it('maps headers by their text, in any order', () => {
    const m = mapHeaders(CORRECTION_TABLE, [' 原交易流水号', '差错编号', '差错原因', '登记时间', '柜员', '网点']);
    expect(m.fields).toEqual(['transactionId', 'id', 'reason', 'time', 'tellerId', 'branchId']);
    expect(m.unknown).toEqual([]);
    expect(m.missing).toEqual([]);
  });

  it('names an unknown and a missing column', () => {
    const renamed = mapHeaders(CORRECTION_TABLE, CORRECTION_COLUMNS.map((c) => (c.header === '差错原因' ? '差错说明' : c.header)));
    expect(headerProblem(CORRECTION_TABLE, renamed)).toBe('差错登记: unknown column "差错说明"');
    const dropped = mapHeaders(CUSTOMER_TABLE, CUSTOMER_COLUMNS.filter((c) => c.key !== 'phone').map((c) => c.header));
    expect(headerProblem(CUSTOMER_TABLE, dropped)).toBe('客户信息: missing column "联系电话"');
  });

  it('converts cell texts: thousands separators, 是/否, empty as null, authorisation labels', () => {
    const m = mapHeaders(TRANSACTION_TABLE, ['金额', '柜员', '办理时长(秒)', '授权方式', '超限授权', '跨境']);
    expect(parseRow(TRANSACTION_TABLE, ['1,234,567.89', '', '', '远程', '是', '否'], m.fields, 1)).toEqual({
      amount: 1_234_567.89, tellerId: null, handleSeconds: null, authorization: 'remote', overLimit: true, crossBorder: false,
    });
    const c = mapHeaders(CUSTOMER_TABLE, ['联系电话', '证件号码']);
    expect(parseRow(CUSTOMER_TABLE, ['', '11010519491231002X'], c.fields, 1)).toEqual({ phone: null, idNumber: '11010519491231002X' });
  });

  it('leaves a value it cannot read for the schema check to reject (never a silent zero)', () => {
    const m = mapHeaders(TRANSACTION_TABLE, ['金额', '现金']);
    const r = parseRow(TRANSACTION_TABLE, ['', '可能'], m.fields, 1);
    expect(Number.isNaN(r.amount)).toBe(true);
    expect(r.cash).toBe('可能');
  });

  it('reads "共 N 条"', () => {
    expect(parseTotal('共 1,234 条 第 1 / 13 页')).toBe(1234);
    expect(parseTotal('共0条')).toBe(0);
    expect(parseTotal('第 1 页')).toBeUndefined();
  });

  it('round-trips every generated record through the portal columns (and the variant)', () => {
    const txns = [...transactionsOf(world, DATE)];
    expect(roundTrip(TRANSACTION_TABLE, TRANSACTION_COLUMNS, txns)).toEqual(txns);
    expect(roundTrip(TRANSACTION_TABLE, variantColumns(TRANSACTION_COLUMNS), txns)).toEqual(txns);
    const corrections = correctionsOf(world, DATE);
    expect(roundTrip(CORRECTION_TABLE, CORRECTION_COLUMNS, corrections)).toEqual(corrections);
    const recon = [...reconciliationOf(world, DATE)];
    expect(roundTrip(RECONCILIATION_TABLE, variantColumns(RECONCILIATION_COLUMNS), recon)).toEqual(recon);
    const customers = [...customersOf(world, DATE)];
    expect(roundTrip(CUSTOMER_TABLE, CUSTOMER_COLUMNS, customers)).toEqual(customers);
  });

  it('streams a GBK CSV file with quoted fields', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'cb-csv-')), 'x.csv');
    await writeFile(file, iconv.encode('户名,金额\r\n"杭州恒信贸易有限公司,分部","1,000.00"\r\n张伟,5.00\r\n', 'gbk'));
    const rows: string[][] = [];
    for await (const row of gbkCsvRows(file)) rows.push(row);
    expect(rows).toEqual([['户名', '金额'], ['杭州恒信贸易有限公司,分部', '1,000.00'], ['张伟', '5.00']]);
  });
});
