import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMismatches } from '../../jobs/annual-review-check/outputs';
import { judgeAccount } from '../../jobs/annual-review-check/rules';
import { computeDailyFigures } from '../../jobs/daily-ops-report/compute-kpis';
import { mismatchRow } from '../../jobs/annual-review-check/report-model';
import type { MismatchRow, WorkbookAccount } from '../../templates/annual-review-check/view-model';
import { writeReviewWorkbook } from '../../templates/annual-review-check/workbook';
import { dailyViewOf } from '../unit/templates/support/daily-view';
import { writeDailyWorkbook } from '../../templates/daily-ops-report/workbook';
import { registryCompany, reviewAccount } from '../unit/annual-review-check/support/records';
import { totalsOf } from '../unit/annual-review-check/support/review-totals';
import { generateRecords } from '../unit/daily-ops-report/helpers/generate-records';
import { sourcesOf } from '../unit/daily-ops-report/helpers/sources';

// Text scraped from portals or typed by customers that a spreadsheet would run: every character
// Excel and LibreOffice treat as the start of a formula (= + - @), plus DDE and a hyperlink.
const HOSTILE = ['=1+2', '+SUM(A1:A9)', '-2+3', '@SUM(A1)', '=cmd|\' /C calc\'!A0', '=HYPERLINK("http://evil.example","点我")'];
const DATE = '2025-03-03';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-formula-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every cell of every sheet holding one of the hostile texts, with its type; and the sheets' raw XML. */
async function readBack(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const cells: { sheet: string; value: unknown; type: ExcelJS.ValueType }[] = [];
  wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => {
    if (HOSTILE.some((h) => String(cell.value).includes(h)) || cell.type === ExcelJS.ValueType.Formula) cells.push({ sheet: sheet.name, value: cell.value, type: cell.type });
  })));
  const zip = await JSZip.loadAsync(await readFile(file));
  const sheetXml = await Promise.all(Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
  return { cells, sheetXml };
}

describe('names beginning with = + - @ stay text in both Excel outputs', () => {
  it('daily-ops-report: complaint customers and summaries, read back as strings; no <f> anywhere', async () => {
    const set = generateRecords({ seed: 11, date: DATE });
    HOSTILE.forEach((text, i) => set.complaints.push({
      id: `CP-F${i}`, branchId: 'B001', level: 3, customerName: text, customerPhone: null, summary: text,
      receivedAt: `${DATE} 10:00:00`, firstContactAt: null, supervisorAt: null, closedAt: null,
    }));
    const figures = await computeDailyFigures({ date: DATE, sources: sourcesOf(set) });
    const view = dailyViewOf(figures);
    const file = path.join(dir, `daily-ops-report-${DATE}.xlsx`);
    await writeDailyWorkbook(file, view);

    const { cells, sheetXml } = await readBack(file);
    for (const text of HOSTILE) expect(cells.filter((c) => c.value === text).length, text).toBeGreaterThanOrEqual(1);
    expect(cells.filter((c) => c.type !== ExcelJS.ValueType.String)).toEqual([]);
    expect(sheetXml.length).toBeGreaterThan(1);
    for (const xml of sheetXml) expect(xml).not.toMatch(/<f[ >]/);
  });

  it('annual-review-check: bank and registry names, representatives and addresses, read back as strings; no <f> anywhere', async () => {
    const reviewDate = '2025-10-31';
    const judged = HOSTILE.map((text, i) => {
      const account = reviewAccount({ accountNo: `00${i}`, name: text, legalRepresentative: `${text}张`, address: text });
      const lookup = { kind: 'found' as const, company: registryCompany({ name: `${text}公司`, legalRepresentative: text }) };
      return { account: { ...account, branch: HOSTILE[0]! }, lookup, judgement: judgeAccount(account, lookup, reviewDate) };
    });
    const mismatches: MismatchRow[] = buildMismatches(judged.flatMap((j) => j.judgement.flags), new Set()).map((m) => mismatchRow(m, { branch: null }, reviewDate));
    const accounts = (): WorkbookAccount[] => judged.map(({ account, judgement }) => ({ accountNo: account.accountNo, name: account.name, uscc: account.uscc, branch: account.branch, verdict: judgement.verdict }));
    const file = path.join(dir, `annual-review-check-${reviewDate}.xlsx`);
    const inputErrors = HOSTILE.map((text, i) => ({ row: i + 2, accountNo: text, error: text }));
    await writeReviewWorkbook(file, { reviewDate, totals: totalsOf(judged, mismatches, inputErrors.length), mismatches, accounts, inputErrors });

    const { cells, sheetXml } = await readBack(file);
    for (const text of HOSTILE) expect(cells.filter((c) => c.value === text).length, text).toBeGreaterThanOrEqual(2);
    expect(cells.filter((c) => c.type !== ExcelJS.ValueType.String)).toEqual([]);
    for (const xml of sheetXml) expect(xml).not.toMatch(/<f[ >]/);
  });
});
