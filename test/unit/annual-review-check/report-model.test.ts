// What the annual-review reports show is decided by the job: the action of each flag, an expired
// licence's date and days, the totals, the PDF's rule groups and their shared row budget.
import { describe, expect, it } from 'vitest';
import { emptyTally, tallyAccount } from '../../../jobs/annual-review-check/build/tally';
import { actionFor } from '../../../jobs/annual-review-check/actions';
import { buildMismatches } from '../../../jobs/annual-review-check/outputs';
import { mismatchRow, reviewReportModel, reviewTotals } from '../../../jobs/annual-review-check/report-model';
import { judgeAccount } from '../../../jobs/annual-review-check/rules';
import { DETAIL_ROW_LIMIT, type MismatchRow } from '../../../templates/annual-review-check/view-model';
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
});
