import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../../bots/sdk/browser';
import { actionFor } from '../../../jobs/annual-review-check/actions';
import { buildMismatches, countAccount, emptyCounts } from '../../../jobs/annual-review-check/outputs';
import { judgeAccount } from '../../../jobs/annual-review-check/rules';
import { mismatchRow, reviewReportModel, reviewTotals } from '../../../jobs/annual-review-check/report-model';
import { renderReviewPdf } from '../../../templates/annual-review-check/render-pdf';
import { reviewReportHtml } from '../../../templates/annual-review-check/report-html';
import { DETAIL_ROW_LIMIT, type ReviewReportModel } from '../../../templates/annual-review-check/view-model';
import { registryCompany, reviewAccount } from '../../unit/annual-review-check/support/records';
import { atRightEdge } from './support/print-layout';

const run = promisify(execFile);
const DATE = '2025-10-31';
const EVIL = '<img src=x onerror=alert(1)>贸易有限公司';
let browser: Browser;
let dir: string;
let pdf: string;
let html: string;
let report: ReviewReportModel;

/** More deregistered companies than the PDF lists, one renamed (high), capital and scope changes. */
function buildReport(): ReviewReportModel {
  const company = registryCompany();
  const cases = [
    ...Array.from({ length: DETAIL_ROW_LIMIT + 20 }, (_, i) => ({
      account: reviewAccount({ accountNo: `D${String(i).padStart(4, '0')}`, branch: i % 2 ? '城关支行' : '西固支行', ...(i === 1 ? { name: EVIL } : {}) }),
      company: { ...company, status: '注销' },
    })),
    { account: reviewAccount({ accountNo: 'N0001', name: '兰州远达商贸有限责任公司', branch: '<b>安宁</b>支行' }), company },
    { account: reviewAccount({ accountNo: 'C0001', registeredCapital: '500万元', businessScope: '其他' }), company },
    { account: reviewAccount({ accountNo: 'P0001' }), company },
    // Issue #17: on the serious-violation list; an address changed 2025-09-26 (medium), 16 working days overdue.
    { account: reviewAccount({ accountNo: 'S0001' }), company: { ...company, seriousViolations: [{ listedOn: '2024-08-20', reason: '提交虚假材料', authority: '某局' }] } },
    { account: reviewAccount({ accountNo: 'L0001', address: '兰州市七里河区西津西路8号' }), company: { ...company, changes: [{ date: '2025-09-26', item: '住所变更', before: '兰州市七里河区西津西路8号', after: company.address }] } },
  ];
  const counts = emptyCounts();
  const judged = cases.map(({ account, company: c }) => {
    const judgement = judgeAccount(account, { kind: 'found', company: c }, DATE);
    countAccount(counts, judgement.verdict, judgement.flags);
    return { account, judgement };
  });
  countAccount(counts, 'unverifiable', []);
  counts.inputErrors = 1;
  const branchOf = new Map(cases.map((c) => [c.account.accountNo, c.account.branch]));
  const mismatches = buildMismatches(
    judged.flatMap((j) => j.judgement.flags),
    new Set(['D0000\u0000status']),
  ).map((m) => mismatchRow(m, { branch: branchOf.get(m.accountNo) ?? null }, DATE));
  const branches = [
    { branch: '城关支行', accounts: 160, byVerdict: { pass: 0, mismatch: 160, unverifiable: 0 }, bySeverity: { critical: 160, high: 0, medium: 0, low: 0 } },
    { branch: '<b>安宁</b>支行', accounts: 1, byVerdict: { pass: 0, mismatch: 1, unverifiable: 0 }, bySeverity: { critical: 0, high: 1, medium: 0, low: 0 } },
  ];
  return reviewReportModel({
    reviewDate: DATE,
    generatedAt: '2025-11-01 07:30:00',
    revision: 2,
    totals: reviewTotals(counts, branches, mismatches),
    mismatches,
    unverifiable: [{ accountNo: 'U0001', name: '无法核验有限公司', uscc: company.uscc, branch: null, error: 'PortalError: 503 after 3 tries' }],
    inputErrors: [{ row: 7, error: '第 7 行缺少“账号”' }],
    problems: ['1 户登记查询失败，无法核验，须重新核验'],
    xlsxName: `annual-review-check-${DATE}.xlsx`,
  });
}

const flagsOf = (r: ReviewReportModel, severity: string): number => r.totals.bySeverity.find((s) => s.severity === severity)?.flags ?? NaN;

beforeAll(async () => {
  browser = await launchBrowser();
  dir = await mkdtemp(path.join(os.tmpdir(), 'arc-pdf-'));
  report = buildReport();
  const rendered = await renderReviewPdf({
    browser,
    report,
    created: new Date('2025-10-31T23:30:00Z'),
    attachments: [
      { name: report.xlsxName, bytes: new TextEncoder().encode('xlsx bytes'), mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      { name: 'mismatches.json', bytes: new TextEncoder().encode('[]'), mimeType: 'application/json' },
    ],
  });
  html = rendered.html;
  pdf = path.join(dir, `annual-review-check-${DATE}.pdf`);
  await writeFile(pdf, rendered.bytes);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

const text = async (...args: string[]) => (await run('pdftotext', [...args, pdf, '-'])).stdout;
/** pdftotext splits wrapped cells and drops spaces between glyph runs: compare without whitespace. */
const squeezed = async (...args: string[]) => (await text(...args)).replace(/\s+/g, '');

describe('annual-review-check PDF', () => {
  it('opens with the totals: accounts by verdict, flags by severity, by field and by branch', async () => {
    const first = await squeezed('-f', '1', '-l', '1');
    expect(first).toContain('对公账户年检核验报告');
    expect(first).toContain(`核验日期${DATE}`);
    expect(first).toContain('第2次生成');
    // Cards print label row then value row: check labels and values, not their adjacency.
    for (const label of ['核验账户', '核验通过', '存在不一致', '无法核验', '输入错误行']) expect(first).toContain(label);
    expect(first).toContain(`${report.totals.accounts}户`);
    expect(first).toContain(`${report.totals.byVerdict.mismatch}户`);
    expect(first).toContain('1行');
    expect(first).toContain(`${flagsOf(report, 'critical')}项`);
    expect(first).toContain(`其中新增${flagsOf(report, 'critical') - 1}`);
    expect(first).toContain('按核验项');
    expect(first).toContain('按开户网点');
    expect(first).toContain('本次核验结果不完整');
  });

  it('lists critical items before high ones, each group with its action, then medium/low, unverifiable, input errors', async () => {
    const all = await squeezed();
    const at = (s: string) => {
      const i = all.indexOf(s.replace(/\s+/g, ''));
      expect(i, s).toBeGreaterThan(-1);
      return i;
    };
    expect(at('一、严重问题')).toBeLessThan(at('企业已注销'));
    expect(at(actionFor('status.deregistered'))).toBeLessThan(at('二、高风险问题'));
    expect(at('二、高风险问题')).toBeLessThan(at(actionFor('name.differs')));
    expect(at(actionFor('seriousViolation'))).toBeLessThan(at('二、高风险问题'));
    expect(at(actionFor('name.differs'))).toBeLessThan(at('三、客户逾期未到行办理的工商变更'));
    // The late change: the account, when, the deadline, how late, what to do.
    const late = all.slice(at('三、客户逾期未到行办理的工商变更'), at('四、中、低风险问题汇总'));
    for (const cell of ['L0001', '注册地址', '2025-09-26', '2025-10-10', '16个工作日', actionFor('address.differs')]) expect(late).toContain(cell);
    expect(at('四、中、低风险问题汇总')).toBeLessThan(at(actionFor('registeredCapital.amount')));
    expect(at(actionFor('businessScope.differs'))).toBeLessThan(at('五、无法核验的账户'));
    expect(at('U0001')).toBeLessThan(at('六、输入数据错误'));
    expect(all).toContain('第7行缺少“账号”');
  });

  it('lists at most DETAIL_ROW_LIMIT detail rows and says where the rest are', async () => {
    const all = await squeezed();
    expect(all).toContain(`另有20项未列出`);
    expect(all).toContain('D0299');
    expect(all).not.toContain('D0300');
    // Critical items take the budget first: the high ones are counted, with a pointer to the Excel.
    expect(all).toContain(`另有${flagsOf(report, 'high')}项未列出`);
  });

  it('keeps page 1 inside the printed area: the fifth card and the 低 band are not clipped at the right margin', async () => {
    const bigFlags = { critical: 12_345, high: 23_456, medium: 34_567, low: 45_678 };
    const big: ReviewReportModel = {
      ...report,
      totals: {
        ...report.totals,
        accounts: 100_000,
        byVerdict: { pass: 43_940, mismatch: 56_060, unverifiable: 1_234 },
        verdictShare: { pass: 0.4394, mismatch: 0.5606, unverifiable: 0.01234 },
        bySeverity: report.totals.bySeverity.map((s) => ({ ...s, flags: bigFlags[s.severity] })),
      },
    };
    for (const r of [report, big]) {
      expect(await atRightEdge(browser, reviewReportHtml(r), '.card, .severity-strip, .severity-strip > div, table, .group-head, .action')).toEqual([]);
    }
  });

  it('escapes every value from a file or a portal', async () => {
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<b>安宁</b>');
    expect(await squeezed()).toContain('<b>安宁</b>支行');
  });

  it('carries page numbers, metadata, the WenQuanYi font and the attachments', async () => {
    const plain = await text();
    const pages = Number(/Pages:\s+(\d+)/.exec((await run('pdfinfo', [pdf])).stdout)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(plain.replace(/\s+/g, '')).toContain(`第${pages}页/共${pages}页`);
    const info = (await run('pdfinfo', [pdf])).stdout;
    expect(info).toMatch(/Title:\s+对公账户年检核验报告 2025-10-31/);
    expect(info).toMatch(/Author:\s+opsbot/);
    expect(info).toMatch(/Subject:\s+2025-10-31 对公账户年检核验/);
    const fonts = (await run('pdffonts', [pdf])).stdout;
    expect(fonts).toMatch(/WenQuanYi/);
    expect(fonts).not.toMatch(/Type 3/);
    const attached = (await run('pdfdetach', ['-list', pdf])).stdout;
    expect(attached).toContain(report.xlsxName);
    expect(attached).toContain('mismatches.json');
  });
});
