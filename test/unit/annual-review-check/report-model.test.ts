// What the annual-review reports show is decided by the job: the action of each flag, an expired
// licence's date and days, the totals, the PDF's rule groups and their shared row budget.
import { describe, expect, it } from 'vitest';
import { emptyTally, tallyAccount } from '../../../jobs/annual-review-check/build/tally';
import { actionFor } from '../../../jobs/annual-review-check/actions';
import { buildMismatches } from '../../../jobs/annual-review-check/outputs';
import { mismatchRow, reviewReportModel, reviewTotals } from '../../../jobs/annual-review-check/report-model';
import { judgeAccount } from '../../../jobs/annual-review-check/rules';
import { DETAIL_ROW_LIMIT, LATE_CHANGE_ROW_LIMIT, type MismatchRow } from '../../../templates/annual-review-check/view-model';
import { registryCompany, reviewAccount } from './support/records';

const DATE = '2025-10-31';

function judged(overrides: Parameters<typeof reviewAccount>[0], company = registryCompany()) {
  const account = reviewAccount(overrides);
  const lookup = { kind: 'found' as const, company };
  return { account, lookup, judgement: judgeAccount(account, lookup, DATE) };
}

function rowsOf(list: ReturnType<typeof judged>[], previous: Set<string> = new Set()): MismatchRow[] {
  const branchOf = new Map(list.map((j) => [j.account.accountNo, j.account.branch]));
  return buildMismatches(list.flatMap((j) => j.judgement.flags), previous).map((m) => mismatchRow(m, { branch: branchOf.get(m.accountNo) ?? null }, DATE));
}

describe('mismatchRow', () => {
  it('carries the action of its rule, the branch and the screenshot', () => {
    const [entry] = buildMismatches(judged({ accountNo: 'N1', name: '兰州远达商贸有限责任公司' }).judgement.flags, new Set());
    const row = mismatchRow(entry!, { branch: '西固支行', evidence: 'evidence/n1.png' }, DATE);
    expect(row).toMatchObject({ ...entry, branch: '西固支行', evidence: 'evidence/n1.png', action: actionFor('name.differs') });
    expect(row.expiry).toBeUndefined();
  });

  it('dates an expired licence by the registry, whatever form the registry wrote it in', () => {
    const rows = rowsOf([
      judged({ accountNo: 'E1', licenseExpiry: '2025年3月1日' }, registryCompany({ operatingUntil: '2025-03-01' })),
      judged({ accountNo: 'E2', licenseExpiry: '2024-12-31' }, registryCompany({ operatingUntil: '2024/12/31' })),
    ]);
    expect(rows.map((r) => [r.accountNo, r.rule, r.expiry])).toEqual([
      ['E1', 'licenseExpiry.expired', { on: '2025-03-01', daysAgo: 244 }],
      ['E2', 'licenseExpiry.expired', { on: '2024-12-31', daysAgo: 304 }],
    ]);
  });
});

describe('reviewTotals', () => {
  it('counts by verdict with shares, by severity with the new ones, by field and severity, by branch', () => {
    const list = [
      judged({ accountNo: 'P1', branch: '城关支行' }),
      judged({ accountNo: 'D1', branch: '城关支行' }, registryCompany({ status: '注销' })),
      judged({ accountNo: 'D2', branch: null }, registryCompany({ status: '注销', legalRepresentative: '王五' })),
      judged({ accountNo: 'B1', branch: '' }, registryCompany({ status: '吊销' })),
    ];
    const tally = emptyTally();
    for (const j of list) tallyAccount(tally, j, undefined);
    tally.counts.inputErrors = 3;
    const rows = rowsOf(list, new Set(['D1\u0000status']));
    const totals = reviewTotals(tally.counts, tally.branches.values(), rows);
    expect(totals).toMatchObject({ accounts: 4, byVerdict: { pass: 1, mismatch: 3, unverifiable: 0 }, flags: 4, inputErrors: 3 });
    expect(totals.verdictShare).toEqual({ pass: 0.25, mismatch: 0.75, unverifiable: 0 });
    expect(totals.bySeverity).toEqual([
      { severity: 'critical', flags: 3, newFlags: 2 },
      { severity: 'high', flags: 1, newFlags: 1 },
      { severity: 'medium', flags: 0, newFlags: 0 },
      { severity: 'low', flags: 0, newFlags: 0 },
    ]);
    expect(totals.byField.map((f) => f.field)).toEqual(['uscc', 'notFound', 'status', 'name', 'legalRepresentative', 'licenseExpiry', 'registeredCapital', 'address', 'businessScope', 'seriousViolation', 'abnormalOperation']);
    expect(totals.byField.find((f) => f.field === 'status')).toEqual({ field: 'status', flags: 3, bySeverity: { critical: 3, high: 0, medium: 0, low: 0 } });
    expect(totals.byField.find((f) => f.field === 'legalRepresentative')?.bySeverity.high).toBe(1);
    // No branch and an empty branch are told apart, as the Excel's branch table always did.
    expect(totals.branches.map((b) => [b.branch, b.accounts, b.bySeverity.critical])).toEqual([
      ['城关支行', 2, 1],
      [null, 1, 1],
      ['', 1, 1],
    ]);
  });

  it('has no shares when there are no accounts', () => {
    expect(reviewTotals(emptyTally().counts, [], []).verdictShare).toEqual({ pass: null, mismatch: null, unverifiable: null });
  });
});

describe('reviewReportModel', () => {
  it('groups flags by rule with their action; critical rows take the row budget before high ones', () => {
    const deregistered = Array.from({ length: DETAIL_ROW_LIMIT - 1 }, (_, i) => judged({ accountNo: `D${String(i).padStart(4, '0')}` }, registryCompany({ status: '注销' })));
    const renamed = [0, 1, 2].map((i) => judged({ accountNo: `N${i}`, name: '兰州远达商贸有限责任公司' }));
    const capital = judged({ accountNo: 'C1', registeredCapital: '500万元' });
    const list = [...deregistered, ...renamed, capital];
    const tally = emptyTally();
    for (const j of list) tallyAccount(tally, j, undefined);
    const rows = rowsOf(list, new Set(['N0\u0000name']));
    const model = reviewReportModel({
      reviewDate: DATE, generatedAt: `${DATE} 07:30:00`, revision: 1, totals: reviewTotals(tally.counts, tally.branches.values(), rows),
      mismatches: rows, unverifiable: [], inputErrors: [], problems: [], xlsxName: 'x.xlsx',
    });
    expect(model.critical.map((g) => [g.rule, g.count, g.rows.length, g.action])).toEqual([['status.deregistered', DETAIL_ROW_LIMIT - 1, DETAIL_ROW_LIMIT - 1, actionFor('status.deregistered')]]);
    // One row of the budget is left for the three renamed companies.
    expect(model.high.map((g) => [g.rule, g.count, g.newCount, g.rows.map((r) => r.accountNo)])).toEqual([['name.differs', 3, 2, ['N0']]]);
    expect(model.mediumLow.map((g) => [g.rule, g.severity, g.count, g.rows.length, g.action])).toEqual([['registeredCapital.amount', 'medium', 1, 0, actionFor('registeredCapital.amount')]]);
  });

  it('lists the serious-violation group among the critical ones, with its action (issue #17)', () => {
    const listed = judged({ accountNo: 'S1' }, { ...registryCompany(), seriousViolations: [{ listedOn: '2024-08-20', reason: '提交虚假材料', authority: '兰州市市场监督管理局' }] });
    const abnormal = judged({ accountNo: 'A1' }, { ...registryCompany(), abnormalOperations: [{ listedOn: '2025-07-10', reason: '未按期公示年度报告', authority: '兰州市市场监督管理局' }] });
    const rows = rowsOf([listed, abnormal]);
    const tally = emptyTally();
    for (const j of [listed, abnormal]) tallyAccount(tally, j, undefined);
    const model = reviewReportModel({
      reviewDate: DATE, generatedAt: `${DATE} 07:30:00`, revision: 1, totals: reviewTotals(tally.counts, tally.branches.values(), rows),
      mismatches: rows, unverifiable: [], inputErrors: [], problems: [], xlsxName: 'x.xlsx',
    });
    expect(model.critical.map((g) => [g.rule, g.count, g.action])).toEqual([['seriousViolation', 1, '列入严重违法失信名单：暂停非柜面业务并报告']]);
    expect(model.high.map((g) => [g.rule, g.count, g.action])).toEqual([['abnormalOperation', 1, actionFor('abnormalOperation')]]);
    expect(model.totals.byField.find((f) => f.field === 'seriousViolation')?.flags).toBe(1);
    expect(model.totals.byField.find((f) => f.field === 'abnormalOperation')?.flags).toBe(1);
  });

  it('lists the changes customers are late to report, longest overdue first, each with its action (issue #17)', () => {
    const change = (date: string, item: string, after: string) => ({ date, item, before: '旧', after });
    const late = [
      // Overdue 16 (due 2025-10-10), 10 (due 2025-10-17), and still in time (changed 2025-10-30).
      judged({ accountNo: 'L16', legalRepresentative: '张三' }, registryCompany({ changes: [change('2025-09-26', '法定代表人变更', '艾力·托合提')] })),
      judged({ accountNo: 'L10', address: '兰州市七里河区西津西路8号' }, registryCompany({ changes: [change('2025-10-11', '住所变更', '兰州市城关区庆阳路1号')] })),
      judged({ accountNo: 'L00', name: '兰州远达商贸有限责任公司' }, registryCompany({ changes: [change('2025-10-30', '名称变更', '兰州远达商贸有限公司')] })),
      judged({ accountNo: 'U1', name: '兰州远达商贸有限责任公司' }),
    ];
    const rows = rowsOf(late);
    const tally = emptyTally();
    for (const j of late) tallyAccount(tally, j, undefined);
    const model = reviewReportModel({
      reviewDate: DATE, generatedAt: `${DATE} 07:30:00`, revision: 1, totals: reviewTotals(tally.counts, tally.branches.values(), rows),
      mismatches: rows, unverifiable: [], inputErrors: [], problems: [], xlsxName: 'x.xlsx',
    });
    expect(model.lateChanges.map((m) => [m.accountNo, m.field, m.changedOn, m.reportDueOn, m.overdueWorkingDays, m.action])).toEqual([
      ['L16', 'legalRepresentative', '2025-09-26', '2025-10-10', 16, actionFor('legalRepresentative.differs')],
      ['L10', 'address', '2025-10-11', '2025-10-17', 10, actionFor('address.differs')],
    ]);
    expect(model.lateChangeCount).toBe(2);
    // The one still in time keeps its dating on its row (the Excel shows it) but is not late.
    expect(rows.find((r) => r.accountNo === 'L00')).toMatchObject({ changedOn: '2025-10-30', overdueWorkingDays: 0 });
  });

  it('lists at most LATE_CHANGE_ROW_LIMIT late changes and counts them all', () => {
    const many = Array.from({ length: LATE_CHANGE_ROW_LIMIT + 5 }, (_, i) =>
      judged({ accountNo: `M${String(i).padStart(4, '0')}`, legalRepresentative: '张三' }, registryCompany({ changes: [{ date: `2025-0${1 + (i % 9)}-0${1 + (i % 9)}`, item: '法定代表人变更', before: '张三', after: '艾力·托合提' }] })),
    );
    const rows = rowsOf(many);
    const tally = emptyTally();
    for (const j of many) tallyAccount(tally, j, undefined);
    const model = reviewReportModel({
      reviewDate: DATE, generatedAt: `${DATE} 07:30:00`, revision: 1, totals: reviewTotals(tally.counts, tally.branches.values(), rows),
      mismatches: rows, unverifiable: [], inputErrors: [], problems: [], xlsxName: 'x.xlsx',
    });
    expect(model.lateChanges).toHaveLength(LATE_CHANGE_ROW_LIMIT);
    expect(model.lateChangeCount).toBe(LATE_CHANGE_ROW_LIMIT + 5);
    const overdue = model.lateChanges.map((m) => m.overdueWorkingDays ?? 0);
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
    expect(overdue[0]).toBeGreaterThan(overdue.at(-1)!);
  });
});
