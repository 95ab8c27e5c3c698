import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsEntry } from '../../../../jobs/annual-review-check/input';
import { MissingColumnError, openAccountsFile } from '../../../../jobs/annual-review-check/input';

const dir = mkdtempSync(path.join(tmpdir(), 'arc-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = path.join(dir, 'accounts.xlsx');
const entries: AccountsEntry[] = [];

beforeAll(async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('年检清单');
  sheet.addRow(['2025年对公账户年检清单']);
  sheet.mergeCells('A1:F1');
  sheet.addRow(['账号', '存款人名称', '统一社会信用代码', '法定代表人(单位负责人)', '营业执照有效期至', '开户网点', '注册资本']);
  // Row 3: a numeric account cell formatted with leading zeros, a real date cell, rich text name.
  sheet.addRow([62202301000123, { richText: [{ text: '兰州远达' }, { text: '商贸有限公司' }] }, '91620105750906995R', '艾力·托合提', new Date(Date.UTC(2030, 0, 5)), '城关支行', 1112]);
  sheet.getCell('A3').numFmt = '0000000000000000';
  sheet.getCell('E3').numFmt = 'yyyy-mm-dd';
  // Row 4 and 5: one company's two accounts, name / code / legal rep merged over both rows.
  sheet.addRow(['0062202301000200', '北京某某有限公司', '91110000600037341L', '王五', '长期', '西城支行', { formula: 'G3*2', result: 2224 }]);
  sheet.addRow(['0062202301000201', null, null, null, { formula: 'DATE(2029,2,3)', result: 47152 }, '西城支行']);
  sheet.mergeCells('B4:B5');
  sheet.mergeCells('C4:C5');
  sheet.mergeCells('D4:D5');
  sheet.getCell('E5').numFmt = 'yyyy"年"m"月"d"日"';
  // Row 6: a 19-digit account typed as a number: the float has already lost digits, as in Excel.
  sheet.addRow([Number('6222023010001234567'), '丙公司', '91620105750906995R', '赵六']);
  await workbook.xlsx.writeFile(file);

  const opened = await openAccountsFile(file);
  for await (const entry of opened.entries()) entries.push(entry);
});

function account(row: number) {
  const entry = entries.find((e) => e.kind === 'account' && e.row === row);
  return entry?.kind === 'account' ? entry.account : undefined;
}

describe('xlsx accounts file', () => {
  it('finds the header under a merged title row', () => {
    expect(entries.length).toBe(4);
  });

  it('keeps a numeric account cell as text padded to its zero format', () => {
    expect(account(3)?.accountNo).toBe('0062202301000123');
  });

  it('reads rich text as text and a date cell as an ISO date', () => {
    expect(account(3)).toMatchObject({ name: '兰州远达商贸有限公司', licenseExpiry: '2030-01-05', registeredCapital: '1112', branch: '城关支行' });
  });

  it('uses the cached result of formulas, as a date when the cell shows a date', () => {
    expect(account(4)?.registeredCapital).toBe('2224');
    expect(account(5)?.licenseExpiry).toBe('2029-02-03');
  });

  it('fills merged cells down: both accounts of one company carry its name and code', () => {
    expect(account(5)).toMatchObject({ accountNo: '0062202301000201', name: '北京某某有限公司', uscc: '91110000600037341L', legalRepresentative: '王五' });
  });

  it('refuses an account number that Excel stored as a float', () => {
    const error = entries.find((e) => e.kind === 'error');
    expect(error).toMatchObject({ kind: 'error', error: { row: 6 } });
    expect(error?.kind === 'error' && error.error.error).toMatch(/账号.*数值/u);
  });

  it('a missing required column is rejected before any row', async () => {
    const other = path.join(dir, 'missing.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('s').addRow(['账号', '统一社会信用代码', '法定代表人']);
    await workbook.xlsx.writeFile(other);
    await expect(openAccountsFile(other)).rejects.toSatisfy((e: unknown) => e instanceof MissingColumnError && e.columns.join() === '存款人名称');
  });
});
