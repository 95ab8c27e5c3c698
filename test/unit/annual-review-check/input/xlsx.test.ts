import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsEntry } from '../../../../jobs/annual-review-check/input';
import { AccountsFileError, MissingColumnError, openAccountsFile } from '../../../../jobs/annual-review-check/input';
import type { SheetRow } from '../../../../jobs/annual-review-check/input/cell';
import { InputLimitError, type InputLimits } from '../../../../jobs/annual-review-check/input/limits';
import { parseRangeRef } from '../../../../jobs/annual-review-check/input/merged-cells';
import { MergeFiller } from '../../../../jobs/annual-review-check/input/xlsx-rows';
import { accountsSheet, HEADER, inlineRow, repeated, writeWorkbook } from '../../../helpers/hostile-xlsx';

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

describe('xlsx text split between two unpacked chunks', () => {
  it('keeps every character whole (exceljs decoded each chunk on its own: 14 of these 3,000 rows had U+FFFD)', async () => {
    const other = path.join(dir, 'long-text.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('年检清单');
    sheet.addRow(['账号', '存款人名称', '统一社会信用代码', '法定代表人', '注册地址']);
    const address = (i: number) => `甘肃省兰州市城关区东岗西路${i}号远达大厦${i % 30}层`;
    for (let i = 0; i < 3000; i++) sheet.addRow([`00${i}`, `兰州远达商贸有限公司第${i}分公司`, '91620105750906995R', '艾力·托合提', address(i)]);
    await workbook.xlsx.writeFile(other);
    const read: AccountsEntry[] = [];
    for await (const entry of (await openAccountsFile(other)).entries()) read.push(entry);
    expect(read).toHaveLength(3000);
    read.forEach((entry, i) => expect(entry).toMatchObject({ kind: 'account', account: { name: `兰州远达商贸有限公司第${i}分公司`, address: address(i) } }));
  });
});

describe('xlsx limits: a hostile workbook is refused (exit 2) naming file and limit, quickly', () => {
  const limits: InputLimits = { maxFileBytes: 1 << 30, maxUnzippedBytes: 4 << 20, maxXlsxTableBytes: 1 << 20, maxCellChars: 1000, maxCellsPerRow: 50 };

  async function outcome(name: string, sheetBody: Iterable<string>, sharedStrings?: Iterable<string>, bounds = limits): Promise<{ error: Error | null; accounts: number; ms: number }> {
    const other = path.join(dir, name);
    writeWorkbook(other, sheetBody, sharedStrings);
    const started = Date.now();
    let accounts = 0;
    try {
      for await (const entry of (await openAccountsFile(other, bounds)).entries()) if (entry.kind === 'account') accounts++;
      return { error: null, accounts, ms: Date.now() - started };
    } catch (error) {
      expect(error).toBeInstanceOf(AccountsFileError);
      expect((error as AccountsFileError).exitCode).toBe(2);
      expect((error as Error).message.startsWith(`${other}: `)).toBe(true);
      return { error: error as Error, accounts, ms: Date.now() - started };
    }
  }

  it('a shared-strings bomb stops at inputMaxXlsxTableBytes', async () => {
    const { error } = await outcome('sst-bomb.xlsx', ['<sheetData>', inlineRow(1, HEADER), '<row r="2"><c r="A2" t="s"><v>0</v></c></row></sheetData>'], repeated('<si><t>ab</t></si>', 1_000_000));
    expect(error).toBeInstanceOf(InputLimitError);
    expect(error?.message).toMatch(/读到 xl\/sharedStrings\.xml 时）（上限 inputMaxXlsxTableBytes = 1,048,576 字节，可用 OPSBOT_INPUT_MAX_XLSX_TABLE_BYTES 调整）$/u);
  });

  it('a sheet that unpacks past inputMaxUnzippedBytes stops there', async () => {
    const { error } = await outcome('zip-bomb.xlsx', accountsSheet(100_000));
    expect(error).toMatchObject({ limit: 'maxUnzippedBytes' });
    expect(error?.message).toContain('上限 inputMaxUnzippedBytes = 4,194,304 字节');
  });

  it('whitespace after a cell (exceljs appended it all to that value: RangeError naming no file) stops at the cell limit', async () => {
    const { error, ms } = await outcome('whitespace.xlsx', ['<sheetData>', inlineRow(1, HEADER), '<row r="2"><c r="A2"><v>1</v></c></row>', ...repeated(' ', 3_000_000), '</sheetData>']);
    expect(error).toMatchObject({ limit: 'maxCellChars' });
    expect(error?.message).toContain('xl/worksheets/sheet1.xml 中有一段连续文字超过 10,000 字节，比任何单元格都长（上限 inputMaxCellChars = 1,000 字符');
    expect(ms).toBeLessThan(5000);
  });

  it('a cell longer than inputMaxCellChars, a value right of inputMaxCellsPerRow', async () => {
    const long = await outcome('long-cell.xlsx', ['<sheetData>', inlineRow(1, HEADER), inlineRow(2, ['001', '甲'.repeat(1001), '91620105750906995R', '张三']), '</sheetData>']);
    expect(long.error?.message).toMatch(/: 第 2 行第 2 列有 1,001 个字符（上限 inputMaxCellChars = 1,000 字符/u);
    const far = await outcome('far-value.xlsx', ['<sheetData>', inlineRow(1, HEADER), '<row r="2"><c r="A2" t="inlineStr"><is><t>1</t></is></c><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>']);
    expect(far.error?.message).toMatch(/: 第 2 行第 16,384 列有内容（上限 inputMaxCellsPerRow = 50 列/u);
  });

  it('what no workbook holds: a <col> range past column 16,384, a DTD, overlapping merged blocks', async () => {
    // exceljs makes one object per column of a <col> range: max="2000000000" would never end.
    const cols = await outcome('col-bomb.xlsx', ['<cols><col min="1" max="2000000000" width="9"/></cols>', ...accountsSheet(3)]);
    expect(cols.error?.message).toContain('xl/worksheets/sheet1.xml <col max="2000000000"> 超过 Excel 的列数上限 16384，不是有效的 xlsx 文件');
    const dtd = await outcome('dtd.xlsx', ['<!DOCTYPE x [<!ENTITY a "b">]>', ...accountsSheet(3)]);
    expect(dtd.error?.message).toContain('含有 <!DOCTYPE> 或其他声明');
    const overlap = await outcome('overlap.xlsx', accountsSheet(100, `<mergeCells>${'<mergeCell ref="B2:C100"/>'.repeat(60)}</mergeCells>`));
    expect(overlap.error?.message).toContain('第 2 行处在 60 个互相重叠的合并区域中，不是有效的工作表');
  });

  it('a merge F2:XFD20001 over empty cells costs nothing (it took 55 s); one with a value fills no further than the limit', async () => {
    const empty = await outcome('merge-empty.xlsx', accountsSheet(20_000, '<mergeCells count="1"><mergeCell ref="F2:XFD20001"/></mergeCells>'), undefined, { ...limits, maxUnzippedBytes: 1 << 30 });
    expect(empty).toMatchObject({ error: null, accounts: 20_000 });
    expect(empty.ms).toBeLessThan(20_000);
    const row: SheetRow = { row: 2, cells: [{ kind: 'text', text: '1' }, { kind: 'text', text: '甲' }] };
    new MergeFiller('a.xlsx', [parseRangeRef('B2:XFD9')!], 50).apply(row);
    expect(row.cells).toHaveLength(50);
    expect(row.cells[49]).toEqual({ kind: 'text', text: '甲' });
    const blank: SheetRow = { row: 2, cells: [{ kind: 'text', text: '1' }] };
    new MergeFiller('a.xlsx', [parseRangeRef('F2:XFD9')!], 50).apply(blank);
    expect(blank.cells).toHaveLength(1);
  });
});
