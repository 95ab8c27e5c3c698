import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figureAt } from '../../../jobs/daily-ops-report/figures';
import { sheetName } from '../../../templates/render/xlsx/styles';
import { writeHelperWorkbook, writeWorldWorkbook, type WrittenWorkbook } from './support/daily-workbooks';

let dir: string;
let helper: WrittenWorkbook;
let world: WrittenWorkbook;
const read = async (w: WrittenWorkbook): Promise<ExcelJS.Workbook> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(w.file);
  return wb;
};
const rowsOf = (sheet: ExcelJS.Worksheet): unknown[][] => (sheet.getSheetValues() as unknown[][]).filter(Array.isArray);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'daily-xlsx-'));
  helper = await writeHelperWorkbook(dir);
  world = await writeWorldWorkbook(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('daily-ops-report xlsx', () => {
  it('puts the overview first with figures, comparisons, status colours and a red banner', async () => {
    const wb = await read(helper);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('总览');
    expect(names).toContain('投诉超时');
    const overview = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(String(overview.getCell('A3').value)).toContain('排队叫号系统');
    expect((overview.getCell('A3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFC62828');
    const rows = rowsOf(overview);
    const total = rows.find((r) => r[1] === '交易笔数');
    expect(total?.[2]).toBe(helper.figures.figures.transactions.total);
    expect(total?.[3]).toBe(500); // previous business day
    const wait = rows.find((r) => String(r[1]).startsWith('平均等候时长'));
    expect(wait?.[2]).toBe('数据缺失'); // never 0
  });

  it('detail sheets have a frozen header, autofilter, number formats and keep formula-like text as text', async () => {
    const wb = await read(helper);
    const sheet = wb.getWorksheet('大额交易 (待报告)');
    expect(sheet).toBeDefined();
    if (sheet === undefined) return;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.rowCount - 1).toBe(helper.figures.exceptions.largeValueTransactions.length);
    const amount = sheet.getRow(2).getCell(7);
    expect(typeof amount.value).toBe('number');
    expect(amount.numFmt).toBe('#,##0.00');
    expect(sheet.getRow(2).getCell(2).value).toBeInstanceOf(Date);
    const complaints = wb.getWorksheet('投诉超时');
    const row = complaints?.getRows(2, complaints.rowCount - 1)?.find((r) => r.getCell(1).value === 'CP-INJECT');
    expect(row?.getCell(10).value).toBe('=1+2');
    expect(row?.getCell(10).formula).toBeUndefined();
    expect(row?.getCell(8).value).toBe('@SUM(A1)');
    expect(row?.getCell(9).value).toMatch(/^\+86\*+5678$/); // masked, never the full number
  });

  it('prints every sheet on A4 at the page width, header row on every page, page numbers in the footer', async () => {
    const wb = await read(world);
    let wide = 0;
    for (const sheet of wb.worksheets) {
      const setup = sheet.pageSetup;
      expect(setup, sheet.name).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      const width = sheet.columns.slice(0, sheet.columnCount).reduce((sum, c) => sum + (c.width ?? 9), 0);
      if (width > 110) {
        wide++;
        expect(setup.orientation, `${sheet.name}: ${width} characters wide`).toBe('landscape');
      }
      expect(sheet.headerFooter.oddFooter, sheet.name).toMatch(/&P.*&N/);
    }
    expect(wide, 'no sheet wide enough to test the landscape rule').toBeGreaterThan(0);
    // Table sheets (the exception lists and 分网点) repeat their header row on every printed page.
    const tables = [...world.view.lists.map((l) => sheetName(l.title)), '分网点'];
    expect(wb.worksheets.filter((s) => s.pageSetup.printTitlesRow === '1:1').map((s) => s.name).sort()).toEqual(tables.sort());
  });

  it('names branches by name, and has the 分网点 sheet the ops guide names, with the PDF branch figures', async () => {
    const wb = await read(world);
    const branches = wb.getWorksheet('分网点');
    expect(branches).toBeDefined();
    if (branches === undefined) return;
    const header = (branches.getRow(1).values as unknown[]).slice(1);
    expect(header[0]).toBe('网点');
    expect(header).toContain('交易笔数');
    const rows = rowsOf(branches).slice(1);
    const ids = Object.keys(world.figures.byBranch);
    expect(rows.map((r) => r[1])).toEqual(ids.map((id) => world.view.config.branches[id]));
    expect(rows.map((r) => r[1])).toEqual(['城东支行', '城西支行', '高新区支行']);
    const totalCol = header.indexOf('交易笔数') + 1;
    expect(rows.map((r) => r[totalCol + 0])).toEqual(ids.map((id) => figureAt(world.figures.byBranch[id], 'transactions.total')));
    // Area sheets: the per-branch table too.
    const volumes = rowsOf(wb.getWorksheet('业务量') as ExcelJS.Worksheet);
    expect(volumes.some((r) => r[1] === '城东支行')).toBe(true);
    expect(volumes.some((r) => typeof r[1] === 'string' && /^B\d{3}$/.test(r[1]))).toBe(false);
  });

  it('shows the peak hour as the hour it spans, waits in whole seconds, headers over numbers on the right', async () => {
    const wb = await read(world);
    const queue = wb.getWorksheet('排队服务') as ExcelJS.Worksheet;
    const peak = queue.getRows(1, queue.rowCount)?.find((r) => r.getCell(1).value === '取号高峰时段');
    const hour = world.figures.figures.queue.peakHour as number;
    expect(peak?.getCell(2).value).toBe(`${hour}:00–${hour + 1}:00`);
    expect(peak?.getCell(3).value).toBe('11:00–12:00'); // the previous business day's
    expect(peak?.getCell(4).value).toBe('10:24'); // mean of 10, 10, 11, 10, 11: a clock time, not '10.4'
    const wait = queue.getRows(1, queue.rowCount)?.find((r) => r.getCell(1).value === '平均等候时长 (秒)');
    expect(typeof wait?.getCell(2).value).toBe('number');
    for (const c of [2, 3, 4]) expect(wait?.getCell(c).numFmt).toBe('#,##0');
    // The figure table's header: label left, numbers right, status centred.
    const header = queue.getRows(1, queue.rowCount)?.find((r) => r.getCell(1).value === '指标');
    expect([1, 2, 3, 4, 5].map((c) => header?.getCell(c).alignment?.horizontal)).toEqual(['left', 'right', 'right', 'right', 'center']);
    // The branch table below it: names left, figures right, peak hour as text there too.
    const branchHeader = queue.getRows(1, queue.rowCount)?.find((r) => r.getCell(1).value === '网点');
    expect(branchHeader?.getCell(2).alignment?.horizontal).toBe('right');
    const peakCol = (branchHeader?.values as unknown[]).indexOf('取号高峰时段');
    const first = queue.getRow((branchHeader?.number ?? 0) + 1);
    expect(String(first.getCell(peakCol).value)).toMatch(/^\d{1,2}:00–\d{1,2}:00$/);
  });
});
