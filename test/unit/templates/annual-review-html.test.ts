// The annual-review PDF's HTML (no browser): what its tables say and how their headers sit.
import { parse, type HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { buildMismatches, countAccount, emptyCounts } from '../../../jobs/annual-review-check/outputs';
import { mismatchRow, reviewReportModel, reviewTotals } from '../../../jobs/annual-review-check/report-model';
import { judgeAccount } from '../../../jobs/annual-review-check/rules';
import { reviewReportHtml } from '../../../templates/annual-review-check/report-html';
import type { ReviewReportModel } from '../../../templates/annual-review-check/view-model';
import { registryCompany, reviewAccount } from '../annual-review-check/support/records';

const DATE = '2025-10-31';

/** Two expired licences (the registry's term in two forms), one renamed company for contrast. */
function report(): ReviewReportModel {
  const cases = [
    { account: reviewAccount({ accountNo: 'E0001', licenseExpiry: '2025年3月1日' }), company: registryCompany({ operatingUntil: '2025-03-01' }) },
    { account: reviewAccount({ accountNo: 'E0002', licenseExpiry: '2024-12-31', branch: '西固支行' }), company: registryCompany({ operatingUntil: '2024/12/31' }) },
    { account: reviewAccount({ accountNo: 'N0001', name: '兰州远达商贸有限责任公司' }), company: registryCompany() },
  ];
  const counts = emptyCounts();
  const flags = cases.flatMap(({ account, company }) => {
    const judgement = judgeAccount(account, { kind: 'found', company }, DATE);
    countAccount(counts, judgement.verdict, judgement.flags);
    return judgement.flags;
  });
  const branchOf = new Map(cases.map((c) => [c.account.accountNo, c.account.branch]));
  const mismatches = buildMismatches(flags, new Set()).map((m) => mismatchRow(m, { branch: branchOf.get(m.accountNo) ?? null }, DATE));
  return reviewReportModel({
    reviewDate: DATE,
    generatedAt: '2025-11-01 07:30:00',
    revision: 1,
    totals: reviewTotals(counts, [], mismatches),
    mismatches,
    unverifiable: [],
    inputErrors: [],
    problems: [],
    xlsxName: `annual-review-check-${DATE}.xlsx`,
  });
}

/** The table of the group whose heading names `rule`. */
function groupTable(doc: HTMLElement, rule: string): HTMLElement {
  const group = doc.querySelectorAll('.group').find((g) => g.querySelector('.rule')?.text === rule);
  const table = group?.querySelector('table');
  if (table === undefined || table === null) throw new Error(`no table for group "${rule}"`);
  return table;
}

const cellsOf = (table: HTMLElement, row: HTMLElement): Record<string, string> => {
  const headers = table.querySelectorAll('thead th').map((th) => th.text);
  return Object.fromEntries(row.querySelectorAll('td').map((td, i) => [headers[i] ?? String(i), td.text.trim()]));
};

describe('annual-review PDF html', () => {
  it('shows an expired licence once, with how many days ago it expired', () => {
    const doc = parse(reviewReportHtml(report()));
    const table = groupTable(doc, '营业执照已过期');
    const headers = table.querySelectorAll('thead th');
    expect(headers.map((th) => th.text)).toEqual(['账号 / 统一社会信用代码', '存款人名称', '开户网点', '到期日', '已过期', '状态']);
    // A number column: its header sits right, over the numbers.
    expect(headers[4]?.classList.contains('num')).toBe(true);
    const rows = table.querySelectorAll('tbody tr').map((tr) => cellsOf(table, tr));
    const byAccount = new Map(rows.map((r) => [r['账号 / 统一社会信用代码']?.slice(0, 5), r]));
    expect(byAccount.get('E0001')).toMatchObject({ 到期日: '2025-03-01', 已过期: '244 天' });
    expect(byAccount.get('E0002')).toMatchObject({ 到期日: '2024-12-31', 已过期: '304 天' });
    // The date appears once per row, not as "bank value" and "registry value" side by side.
    for (const tr of table.querySelectorAll('tbody tr')) expect(tr.text.match(/\d{4}-\d{2}-\d{2}/g)).toHaveLength(1);
  });

  it('keeps both values side by side where they differ (a renamed company)', () => {
    const table = groupTable(parse(reviewReportHtml(report())), '存款人名称与登记不一致');
    expect(table.querySelectorAll('thead th').map((th) => th.text)).toEqual(['账号 / 统一社会信用代码', '开户网点', '银行记录', '登记信息', '状态']);
  });

  it('right-aligns every header over numbers, in every table of the report', () => {
    const doc = parse(reviewReportHtml(report()));
    for (const table of doc.querySelectorAll('table')) {
      const headers = table.querySelectorAll('thead th');
      for (const row of table.querySelectorAll('tbody tr')) {
        row.querySelectorAll('td').forEach((td, i) => {
          if (!td.classList.contains('num')) return;
          expect(headers[i]?.classList.contains('num'), `header "${headers[i]?.text}" over ${td.text}`).toBe(true);
        });
      }
    }
  });
});
