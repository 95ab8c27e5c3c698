import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMismatches } from '../../../jobs/annual-review-check/outputs';
import { mismatchRow } from '../../../jobs/annual-review-check/report-model';
import { judgeAccount } from '../../../jobs/annual-review-check/rules';
import type { MismatchRow, WorkbookAccount } from '../../../templates/annual-review-check/view-model';
import { writeReviewWorkbook } from '../../../templates/annual-review-check/workbook';
import { SEVERITY_COLOURS } from '../../../templates/annual-review-check/theme';
import { registryCompany, reviewAccount } from './support/records';
import { totalsOf } from './support/review-totals';

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
    {
      kind: 'found',
      company: {
        ...company,
        status: '注销',
        legalRepresentative: '@王五',
        // Issue #17: a dated change (Friday before the National Day week) and a serious violation.
        changes: [{ date: '2025-09-26', item: '法定代表人变更', before: '艾力·托合提', after: '@王五' }],
        seriousViolations: [{ listedOn: '2024-08-20', reason: '提交虚假材料取得公司登记', authority: '兰州市市场监督管理局' }],
      },
    },
    { kind: 'failed', error: 'HTTP 503 after 3 tries' },
    { kind: 'notFound' },
  ] as const;
  const judged = accounts.map((account, i) => ({ account, lookup: lookups[i] ?? { kind: 'notFound' as const }, judgement: judgeAccount(account, lookups[i] ?? { kind: 'notFound' }, reviewDate) }));
  const branchOf = new Map(accounts.map((a) => [a.accountNo, a.branch]));
  const mismatches: MismatchRow[] = buildMismatches(judged.flatMap((j) => j.judgement.flags), new Set(['002\u0000status'])).map((m) =>
    mismatchRow(m, { branch: branchOf.get(m.accountNo) ?? null, ...(m.accountNo === '002' ? { evidence: 'evidence/002.png' } : {}) }, reviewDate),
  );
  const workbookAccounts = (): WorkbookAccount[] =>
    judged.map(({ account, lookup, judgement }) => ({
      accountNo: account.accountNo,
      name: account.name,
      uscc: account.uscc,
      branch: account.branch,
      verdict: judgement.verdict,
      ...(lookup.kind === 'failed' ? { error: lookup.error } : {}),
    }));
  const inputErrors = [{ row: 9, error: '第 9 行缺少“账号”' }, { row: 12, accountNo: '-001', error: '重复' }];
  await writeReviewWorkbook(file, { reviewDate, totals: totalsOf(judged, mismatches, inputErrors.length), mismatches, accounts: workbookAccounts, inputErrors });
  await workbook.xlsx.readFile(file);
});

const sheet = (name: string) => {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
};
const column = (name: string, col: number) => sheet(name).getColumn(col).values.slice(2);
/** The 不一致明细 column under `header` (1-based), so a column added before it moves no assertion. */
const detailCol = (header: string): number => {
  const values = sheet('不一致明细').getRow(1).values as ExcelJS.CellValue[];
  const at = values.indexOf(header);
  if (at < 1) throw new Error(`no column ${header}`);
  return at;
};

describe('annual-review-check workbook', () => {
  it('has the five sheets, summary first, and no temp file left', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['汇总', '不一致明细', '核验通过', '无法核验', '输入错误']);
    expect(readdirSync(dir)).toEqual([path.basename(file)]);
  });

  it('lists mismatches most severe first with bank and registry values side by side', () => {
    const detail = sheet('不一致明细');
    expect(column('不一致明细', 1)).toEqual(['严重', '严重', '严重', '高', '高', '中']);
    expect(column('不一致明细', 7)).toEqual(['统一社会信用代码', '登记状态', '严重违法失信名单', '存款人名称', '法定代表人', '注册地址']);
    expect(column('不一致明细', 3)).toEqual(['004', '002', '002', '002', '002', '002']);
    const nameRow = detail.getRow(5);
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
    expect(detail.getRow(3).getCell(detailCol('登记页截图')).value).toMatchObject({ text: '查看截图', hyperlink: 'evidence/002.png' });
    expect(detail.getRow(2).getCell(detailCol('登记页截图')).value).toBe('无截图');
  });

  it('shows when the registry changed a field, the deadline and the working days overdue (issue #17)', () => {
    const detail = sheet('不一致明细');
    expect(detail.getRow(1).values).toEqual(expect.arrayContaining(['变更日期', '应办理截止', '逾期工作日']));
    // Right after 地址相似度, before 说明.
    expect([detailCol('地址相似度') + 1, detailCol('地址相似度') + 2, detailCol('地址相似度') + 3, detailCol('说明')]).toEqual([
      detailCol('变更日期'), detailCol('应办理截止'), detailCol('逾期工作日'), detailCol('逾期工作日') + 1,
    ]);
    const legalRep = detail.getRow(6);
    expect(legalRep.getCell(7).value).toBe('法定代表人');
    expect([detailCol('变更日期'), detailCol('应办理截止'), detailCol('逾期工作日')].map((c) => legalRep.getCell(c).value)).toEqual(['2025-09-26', '2025-10-10', 16]);
    expect(legalRep.getCell(detailCol('逾期工作日')).font?.color?.argb).toBe(`FF${SEVERITY_COLOURS.high.fill.slice(1)}`);
    expect(String(legalRep.getCell(detailCol('说明')).value)).toMatch(/已逾期 16 个工作日$/u);
    // Undated flags leave the three cells empty.
    for (const r of [2, 3, 4, 5, 7]) expect(detail.getRow(r).getCell(detailCol('变更日期')).value, `row ${r}`).toBeNull();
    expect(detail.getRow(4).getCell(detailCol('登记信息')).value).toBe('2024-08-20 提交虚假材料取得公司登记');
    expect(detail.getRow(4).getCell(detailCol('处理建议')).value).toMatch(/暂停非柜面业务并报告/u);
  });

  it('lists passed and unverifiable accounts with the reason', () => {
    expect(column('核验通过', 1)).toEqual(['001']);
    expect(column('无法核验', 1)).toEqual(['003']);
    expect(column('无法核验', 5)).toEqual(['HTTP 503 after 3 tries']);
  });

  it('prints every sheet on A4 at the page width, header row on every page of the tables', () => {
    for (const s of workbook.worksheets) {
      expect(s.pageSetup, s.name).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(s.headerFooter.oddFooter, s.name).toMatch(/第 &P 页 \/ 共 &N 页/);
      if (s.name !== '汇总') expect(s.pageSetup.printTitlesRow, s.name).toBe('1:1');
    }
    expect(sheet('不一致明细').pageSetup.orientation).toBe('landscape');
  });

  it('aligns headers with their values: over numbers right, over text left', () => {
    const header = sheet('不一致明细').getRow(1);
    expect(header.getCell(10).value).toBe('地址相似度');
    expect(header.getCell(10).alignment?.horizontal).toBe('right');
    expect(header.getCell(3).alignment?.horizontal).toBe('left');
    expect(sheet('输入错误').getRow(1).getCell(1).alignment?.horizontal).toBe('right'); // 行号
    const branchHeader = sheet('汇总').getRows(1, sheet('汇总').rowCount)?.find((r) => r.getCell(1).value === '开户网点');
    expect([1, 2, 9].map((c) => branchHeader?.getCell(c).alignment?.horizontal)).toEqual(['left', 'right', 'right']);
  });

  it('wraps long texts and makes their rows tall enough to show every line', () => {
    const detail = sheet('不一致明细');
    let long = 0;
    for (let r = 2; r <= detail.rowCount; r++) {
      const message = detail.getRow(r).getCell(detailCol('说明'));
      expect(message.alignment?.wrapText).toBe(true);
      // 说明 runs over its 36-character column: the row is at least two lines tall.
      if (String(message.value).length > 18) {
        long++;
        expect(detail.getRow(r).height, `row ${r}`).toBeGreaterThanOrEqual(30);
      }
    }
    expect(long, 'no 说明 long enough to test the row height').toBeGreaterThan(0);
  });

  it('summarises by verdict, severity, field and branch', () => {
    const rows = sheet('汇总')
      .getSheetValues()
      .filter((row): row is ExcelJS.CellValue[] => Array.isArray(row))
      .map((row) => row.slice(1));
    const find = (label: string) => rows.find((r) => r[0] === label);
    expect(find('核验账户数')?.[1]).toBe(4);
    expect(find('无法核验')?.[1]).toBe(1);
    expect(find('严重')?.[1]).toBe(3);
    expect(find('高')?.[1]).toBe(2);
    expect(find('注册地址')?.[1]).toBe(1);
    // The two lists are counted by field like every other.
    expect(find('严重违法失信名单')?.[1]).toBe(1);
    expect(find('经营异常名录')?.[1]).toBe(0);
    expect(find('城关支行')).toEqual(['城关支行', 2, 1, 0, 1, 0, 0, 0, 0]);
    expect(find('西城支行')).toEqual(['西城支行', 1, 0, 1, 0, 2, 2, 1, 0]);
    expect(find('（未填网点）')).toEqual(['（未填网点）', 1, 0, 1, 0, 1, 0, 0, 0]);
  });
});

function company() {
  return registryCompany();
}
