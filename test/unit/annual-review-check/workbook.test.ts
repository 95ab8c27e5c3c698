import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMismatches } from '../../../jobs/annual-review-check/outputs';
import { judgeAccount } from '../../../jobs/annual-review-check/rules';
import type { MismatchRow, WorkbookAccount } from '../../../templates/annual-review-check/workbook';
import { writeReviewWorkbook } from '../../../templates/annual-review-check/workbook';
import { SEVERITY_COLOURS } from '../../../templates/annual-review-check/theme';
import { registryCompany, reviewAccount } from './support/records';

const dir = mkdtempSync(path.join(tmpdir(), 'arc-wb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'annual-review-check-2025-10-31.xlsx');
const workbook = new ExcelJS.Workbook();

beforeAll(async () => {
  const reviewDate = '2025-10-31';
  const company = registryCompany();
  const accounts = [
    reviewAccount({ accountNo: '001', branch: '城关支行' }),
    reviewAccount({ accountNo: '002', branch: '西城支行', name: '=HYPERLINK("http://evil","x")', address: '+86 兰州市城关区庆阳路9号' }),
    reviewAccount({ accountNo: '003', branch: '城关支行' }),
    reviewAccount({ accountNo: '004', branch: null, uscc: '320123000004935' }),
  ];
  const lookups = [
    { kind: 'found', company },
    { kind: 'found', company: { ...company, status: '注销', legalRepresentative: '@王五' } },
    { kind: 'failed', error: 'HTTP 503 after 3 tries' },
    { kind: 'notFound' },
  ] as const;
  const judged = accounts.map((account, i) => ({ account, lookup: lookups[i] ?? { kind: 'notFound' as const }, judgement: judgeAccount(account, lookups[i] ?? { kind: 'notFound' }, reviewDate) }));
  const branchOf = new Map(accounts.map((a) => [a.accountNo, a.branch]));
  const mismatches: MismatchRow[] = buildMismatches(judged.flatMap((j) => j.judgement.flags), new Set(['002\u0000status'])).map((m) => ({
    ...m,
    branch: branchOf.get(m.accountNo) ?? null,
    ...(m.accountNo === '002' ? { evidence: 'evidence/002.png' } : {}),
  }));
  const workbookAccounts = (): WorkbookAccount[] =>
    judged.map(({ account, lookup, judgement }) => ({
      accountNo: account.accountNo,
      name: account.name,
      uscc: account.uscc,
      branch: account.branch,
      verdict: judgement.verdict,
      ...(lookup.kind === 'failed' ? { error: lookup.error } : {}),
    }));
  await writeReviewWorkbook(file, { reviewDate, mismatches, accounts: workbookAccounts, inputErrors: [{ row: 9, error: '第 9 行缺少“账号”' }, { row: 12, accountNo: '-001', error: '重复' }] });
  await workbook.xlsx.readFile(file);
});

const sheet = (name: string) => {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
};
const column = (name: string, col: number) => sheet(name).getColumn(col).values.slice(2);

describe('annual-review-check workbook', () => {
  it('has the five sheets, summary first, and no temp file left', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['汇总', '不一致明细', '核验通过', '无法核验', '输入错误']);
    expect(readdirSync(dir)).toEqual([path.basename(file)]);
  });

  it('lists mismatches most severe first with bank and registry values side by side', () => {
    const detail = sheet('不一致明细');
    expect(column('不一致明细', 1)).toEqual(['严重', '严重', '高', '高', '中']);
    expect(column('不一致明细', 7)).toEqual(['统一社会信用代码', '登记状态', '存款人名称', '法定代表人', '注册地址']);
    expect(column('不一致明细', 3)).toEqual(['004', '002', '002', '002', '002']);
    const nameRow = detail.getRow(4);
    expect(nameRow.getCell(8).value).toBe('=HYPERLINK("http://evil","x")');
    expect(nameRow.getCell(9).value).toBe(company().name);
    expect(detail.getRow(2).getCell(1).fill).toMatchObject({ fgColor: { argb: `FF${SEVERITY_COLOURS.critical.fill.slice(1)}` } });
  });

  it('keeps text that looks like a formula as text', () => {
    const detail = sheet('不一致明细');
    for (let r = 2; r <= detail.rowCount; r++) {
      detail.getRow(r).eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula));
    }
    expect(column('不一致明细', 8)).toContain('+86 兰州市城关区庆阳路9号');
    expect(column('输入错误', 2)).toEqual([undefined, '-001']);
    expect(column('不一致明细', 9)).toContain('@王五');
  });

  it('marks recurring flags and links the evidence screenshot', () => {
    const detail = sheet('不一致明细');
    expect(detail.getRow(3).getCell(2).value).toBe('持续');
    expect(detail.getRow(2).getCell(2).value).toBe('新增');
    expect(detail.getRow(3).getCell(13).value).toMatchObject({ text: '查看截图', hyperlink: 'evidence/002.png' });
    expect(detail.getRow(2).getCell(13).value).toBe('无截图');
  });

  it('lists passed and unverifiable accounts with the reason', () => {
    expect(column('核验通过', 1)).toEqual(['001']);
    expect(column('无法核验', 1)).toEqual(['003']);
    expect(column('无法核验', 5)).toEqual(['HTTP 503 after 3 tries']);
  });

  it('summarises by verdict, severity, field and branch', () => {
    const rows = sheet('汇总')
      .getSheetValues()
      .filter((row): row is ExcelJS.CellValue[] => Array.isArray(row))
      .map((row) => row.slice(1));
    const find = (label: string) => rows.find((r) => r[0] === label);
    expect(find('核验账户数')?.[1]).toBe(4);
    expect(find('无法核验')?.[1]).toBe(1);
    expect(find('严重')?.[1]).toBe(2);
    expect(find('高')?.[1]).toBe(2);
    expect(find('注册地址')?.[1]).toBe(1);
    expect(find('城关支行')).toEqual(['城关支行', 2, 1, 0, 1, 0, 0, 0, 0]);
    expect(find('西城支行')).toEqual(['西城支行', 1, 0, 1, 0, 1, 2, 1, 0]);
    expect(find('（未填网点）')).toEqual(['（未填网点）', 1, 0, 1, 0, 1, 0, 0, 0]);
  });
});

function company() {
  return registryCompany();
}
