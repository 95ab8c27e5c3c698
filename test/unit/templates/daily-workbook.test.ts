import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDailyFigures, type DailyFigures } from '../../../jobs/daily-ops-report/compute-kpis';
import { loadReportConfig } from '../../../templates/daily-ops-report/report-config';
import { buildReportView } from '../../../templates/daily-ops-report/view-model';
import { writeDailyWorkbook } from '../../../templates/daily-ops-report/workbook';
import { generateRecords } from '../daily-ops-report/helpers/generate-records';
import { sourcesOf } from '../daily-ops-report/helpers/sources';

const run = promisify(execFile);
const DATE = '2025-03-03';
let dir: string;
let file: string;
let figures: DailyFigures;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'daily-xlsx-'));
  const set = generateRecords({ seed: 11, date: DATE });
  // Customer-typed text that a spreadsheet would take for a formula, in a complaint that breaches.
  set.complaints.push({
    id: 'CP-INJECT',
    branchId: 'B001',
    level: 3,
    customerName: '@SUM(A1)',
    customerPhone: '+8613812345678',
    summary: '=1+2',
    receivedAt: `${DATE} 10:00:00`,
    firstContactAt: null,
    supervisorAt: null,
    closedAt: null,
  });
  const sources = sourcesOf(set);
  sources.queueTickets = { missing: '排队叫号系统登录失败' };
  figures = await computeDailyFigures({ date: DATE, sources });
  const view = buildReportView({
    figures,
    history: [{ date: '2025-02-28', transactions: { total: 500 } }],
    config: loadReportConfig('zh-CN'),
    revision: 1,
    generatedAt: `${DATE} 07:00:00`,
  });
  file = path.join(dir, `daily-ops-report-${DATE}.xlsx`);
  await writeDailyWorkbook(file, view, figures);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('daily-ops-report xlsx', () => {
  it('puts the overview first with figures, comparisons, status colours and a red banner', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('总览');
    expect(names).toContain('投诉超时');
    const overview = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(String(overview.getCell('A3').value)).toContain('排队叫号系统');
    expect((overview.getCell('A3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFC62828');
    const rows = overview.getSheetValues() as unknown[][];
    const total = rows.find((r) => Array.isArray(r) && r[1] === '交易笔数');
    expect(total?.[2]).toBe(figures.figures.transactions.total);
    expect(total?.[3]).toBe(500); // previous business day
    const wait = rows.find((r) => Array.isArray(r) && String(r[1]).startsWith('平均等候时长'));
    expect(wait?.[2]).toBe('数据缺失'); // never 0
  });

  it('detail sheets have a frozen header, autofilter, number formats and keep formula-like text as text', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('大额交易 (待报告)');
    expect(sheet).toBeDefined();
    if (sheet === undefined) return;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.rowCount - 1).toBe(figures.exceptions.largeValueTransactions.length);
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

  it('opens in LibreOffice headless and reads the same values', async () => {
    const out = path.join(dir, 'csv');
    const profile = `file://${path.join(dir, 'lo-profile')}`;
    // 44,34,76,1,,0,false,true,false,false,false,-1: UTF-8 CSV of every sheet, one file each.
    await run(
      'soffice',
      [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', out, file],
      { timeout: 120_000 },
    );
    const files = await readdir(out);
    const overviewCsv = files.find((f) => f.includes('总览'));
    const complaintsCsv = files.find((f) => f.includes('投诉超时'));
    expect(overviewCsv).toBeDefined();
    expect(complaintsCsv).toBeDefined();
    const overview = await readFile(path.join(out, overviewCsv as string), 'utf8');
    const totalLine = overview.split('\n').find((l) => l.startsWith('交易笔数,'));
    expect(totalLine?.split(',')[1]?.replace(/"/g, '')).toBe(String(figures.figures.transactions.total));
    expect(overview).toContain('数据缺失');
    const complaints = await readFile(path.join(out, complaintsCsv as string), 'utf8');
    const injected = complaints.split('\n').find((l) => l.startsWith('CP-INJECT'));
    expect(injected).toContain('=1+2');
    expect(injected).not.toMatch(/,3,?$/); // not evaluated to 3
    expect(injected).toContain('2025-03-03 10:00:00');
  });
});
