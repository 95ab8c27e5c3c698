// Both workbooks opened and printed by LibreOffice (soffice --convert-to pdf), as an ops reader
// prints them: every sheet at the page's width (no column cut onto a page of its own), a table's
// header row on every page it spans, the sheet's name in the footer; and the values read back.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMismatches } from '../../../jobs/annual-review-check/outputs';
import { judgeAccount } from '../../../jobs/annual-review-check/rules';
import { computeDailyFigures } from '../../../jobs/daily-ops-report/compute-kpis';
import { mismatchRow } from '../../../jobs/annual-review-check/report-model';
import type { WorkbookAccount } from '../../../templates/annual-review-check/view-model';
import { writeReviewWorkbook } from '../../../templates/annual-review-check/workbook';
import { dailyViewOf } from '../../unit/templates/support/daily-view';
import { writeDailyWorkbook } from '../../../templates/daily-ops-report/workbook';
import { registryCompany, reviewAccount } from '../../unit/annual-review-check/support/records';
import { totalsOf } from '../../unit/annual-review-check/support/review-totals';
import { generateRecords } from '../../unit/daily-ops-report/helpers/generate-records';
import { sourcesOf } from '../../unit/daily-ops-report/helpers/sources';
import { writeHelperWorkbook, writeWorldWorkbook, type WrittenWorkbook } from '../../unit/templates/support/daily-workbooks';

const run = promisify(execFile);
let dir: string;
let world: WrittenWorkbook;
let helper: WrittenWorkbook;
let longDaily: string;
let review: string;

/** Converts a workbook with LibreOffice in its own profile (tests may run side by side). */
async function soffice(file: string, to: string): Promise<string> {
  const out = path.join(dir, `${path.basename(file, '.xlsx')}-${to.split(':')[0]}`);
  const profile = `file://${path.join(dir, `lo-${path.basename(file, '.xlsx')}`)}`;
  await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', to, '--outdir', out, file], { timeout: 170_000 });
  return out;
}

interface PrintedPage {
  sheet: string;
  /** The page's text without any whitespace (pdftotext splits wrapped cells and drops spaces). */
  squeezed: string;
}

/** Prints a workbook to PDF and reads each page: its text and, from the footer, its sheet. */
async function printed(file: string): Promise<PrintedPage[]> {
  const pdf = path.join(await soffice(file, 'pdf'), `${path.basename(file, '.xlsx')}.pdf`);
  const pages = Number(/Pages:\s+(\d+)/.exec((await run('pdfinfo', [pdf])).stdout)?.[1]);
  const out: PrintedPage[] = [];
  for (let p = 1; p <= pages; p++) {
    const page = ['-f', String(p), '-l', String(p)];
    const layout = (await run('pdftotext', [...page, '-layout', pdf, '-'])).stdout;
    // The footer: 内部资料 注意保密 … 第 x 页 / 共 y 页 … <sheet name>
    const footer = layout
      .split('\n')
      .map((line) => /第\s*\d+\s*页\s*\/\s*共\s*\d+\s*页(.*)$/.exec(line))
      .filter((m) => m !== null)
      .pop();
    const sheet = footer?.[1]?.trim() ?? '';
    const raw = (await run('pdftotext', [...page, '-raw', pdf, '-'])).stdout;
    out.push({ sheet, squeezed: raw.replace(/\s+/g, '') });
  }
  return out;
}

/** Header texts of every sheet whose first row is a table header (the detail sheets). */
async function tableHeaders(file: string): Promise<Map<string, string[]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, string[]>();
  for (const sheet of wb.worksheets) {
    if (sheet.pageSetup.printTitlesRow !== '1:1') continue;
    out.set(sheet.name, (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String));
  }
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wb-print-'));
  world = await writeWorldWorkbook(dir);
  helper = await writeHelperWorkbook(dir);

  // A busy day: lists long enough to run over several pages.
  const date = '2025-03-04';
  const figures = await computeDailyFigures({ date, sources: sourcesOf(generateRecords({ seed: 3, date, transactions: 4000, branches: 6 })) });
  const view = dailyViewOf(figures);
  longDaily = path.join(dir, `long-daily-ops-report-${date}.xlsx`);
  await writeDailyWorkbook(longDaily, view);

  // 150 accounts, every third renamed, every fifth with another address: a detail sheet of pages.
  const reviewDate = '2025-10-31';
  const company = registryCompany();
  const judged = Array.from({ length: 150 }, (_, i) => {
    const account = reviewAccount({
      accountNo: `00622023010${String(i).padStart(5, '0')}`,
      branch: ['城关支行', '西固支行', '安宁支行'][i % 3] ?? null,
      ...(i % 3 === 0 ? { name: '兰州远达商贸有限责任公司' } : {}),
      ...(i % 5 === 0 ? { address: '甘肃省兰州市七里河区西津西路16号' } : {}),
    });
    return { account, judgement: judgeAccount(account, { kind: 'found', company }, reviewDate) };
  });
  review = path.join(dir, `annual-review-check-${reviewDate}.xlsx`);
  const mismatches = buildMismatches(judged.flatMap((j) => j.judgement.flags), new Set()).map((m) => mismatchRow(m, { branch: '城关支行' }, reviewDate));
  await writeReviewWorkbook(review, {
    reviewDate,
    totals: totalsOf(judged, mismatches, 1),
    mismatches,
    accounts: (): WorkbookAccount[] => judged.map(({ account, judgement }) => ({ accountNo: account.accountNo, name: account.name, uscc: account.uscc, branch: account.branch, verdict: judgement.verdict })),
    inputErrors: [{ row: 9, error: '第 9 行缺少“账号”' }],
  });
}, 170_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('workbooks printed by LibreOffice', () => {
  it('print the daily report one page per sheet when each fits a page (41 pages before: columns split off)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(world.file);
    const pages = await printed(world.file);
    expect(pages.map((p) => p.sheet)).toEqual(wb.worksheets.map((s) => s.name));
  });

  for (const [label, file] of [
    ['the daily report', () => longDaily],
    ['the annual review', () => review],
  ] as const) {
    it(`print ${label}'s tables at the page width with the header row on every page`, async () => {
      const headers = await tableHeaders(file());
      expect(headers.size, 'table sheets that repeat their header row').toBeGreaterThan(0);
      const pages = await printed(file());
      expect(pages.filter((p) => p.sheet === '').length, 'pages without the sheet name in the footer').toBe(0);
      const pagesOf = new Map<string, number>();
      for (const page of pages) {
        pagesOf.set(page.sheet, (pagesOf.get(page.sheet) ?? 0) + 1);
        const sheetHeaders = headers.get(page.sheet);
        if (sheetHeaders === undefined) continue;
        // Every header on every page: the header row repeats, and no column went to another page.
        for (const header of sheetHeaders) expect(page.squeezed, `${page.sheet}: "${header}" on its page ${pagesOf.get(page.sheet)}`).toContain(header.replace(/\s+/g, ''));
      }
      expect([...pagesOf.values()].some((n) => n > 1), 'a table long enough to span pages').toBe(true);
      for (const name of headers.keys()) expect(pagesOf.has(name), `${name} printed`).toBe(true);
    });
  }

  it('opens the daily report and reads the same values, formula-like text as text', async () => {
    const out = await soffice(helper.file, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1');
    const files = await readdir(out);
    const overviewCsv = files.find((f) => f.includes('总览'));
    const complaintsCsv = files.find((f) => f.includes('投诉超时'));
    expect(overviewCsv).toBeDefined();
    expect(complaintsCsv).toBeDefined();
    const overview = await readFile(path.join(out, overviewCsv as string), 'utf8');
    const totalLine = overview.split('\n').find((l) => l.startsWith('交易笔数,'));
    expect(totalLine?.split(',')[1]?.replace(/"/g, '')).toBe(String(helper.figures.figures.transactions.total));
    expect(overview).toContain('数据缺失');
    const complaints = await readFile(path.join(out, complaintsCsv as string), 'utf8');
    const injected = complaints.split('\n').find((l) => l.startsWith('CP-INJECT'));
    expect(injected).toContain('=1+2');
    expect(injected).not.toMatch(/,3,?$/); // not evaluated to 3
    expect(injected).toContain('2025-03-03 10:00:00');
    expect(injected).toContain('城东支行');
  });
});
