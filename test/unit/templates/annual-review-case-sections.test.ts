// The review workbench's part of the annual-review PDF (no browser): what clerks decided since the
// last run, the flags they dismissed, the cases the run resolved; nothing of it without cases.
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { caseSections, reviewReportModel, reviewTotals } from '../../../jobs/annual-review-check/report-model';
import { emptyCounts } from '../../../jobs/annual-review-check/outputs';
import { reviewReportHtml } from '../../../templates/annual-review-check/report-html';
import type { MismatchRow } from '../../../templates/annual-review-check/view-model';

const DATE = '2026-11-20';
const row = (accountNo: string, status: MismatchRow['status'], caseId: number): MismatchRow => ({
  accountNo, uscc: '91620100MA0000000X', name: `公司${accountNo}`, field: 'legalRepresentative', severity: 'high', bankValue: '张三', registryValue: '李四',
  rule: 'legalRepresentative.differs', message: '法定代表人不一致。', status, caseId, branch: '兰州分行', action: '联系客户办理变更',
});

function html(withCases: boolean): string {
  const rows = [row('001', 'recurring', 1), row('002', 'dismissed', 2)];
  const cases = caseSections(
    rows,
    [{ caseId: 3, accountNo: '003', field: 'address', severity: 'medium', branch: '西固支行', bankValue: '北院', registryValue: '南院', stateBefore: 'confirmed', flag: { name: '公司003' } }],
    [
      { caseId: 2, accountNo: '002', field: 'legalRepresentative', severity: 'high', kind: 'dismiss', decidedBy: 'wang', approvedBy: 'li', decidedAt: '2026-11-19T02:30:00.000Z', detail: '登记机关数据滞后', comment: '客户已提交材料' },
      { caseId: 3, accountNo: '003', field: 'address', severity: 'medium', kind: 'confirm', decidedBy: 'zhao', approvedBy: null, decidedAt: '2026-11-18T08:00:00.000Z', detail: '联系客户办理变更', comment: '已通知客户' },
    ],
  );
  return reviewReportHtml(
    reviewReportModel({
      reviewDate: DATE, generatedAt: '2026-11-21 07:30:00', revision: 1, totals: reviewTotals(emptyCounts(), [], rows),
      mismatches: rows.filter((m) => m.status !== 'dismissed'), unverifiable: [], inputErrors: [], problems: [], xlsxName: `annual-review-check-${DATE}.xlsx`,
      ...(withCases ? { cases } : {}),
    }),
  );
}

describe('the annual-review PDF: 人工复核情况', () => {
  it('says what clerks decided since the last run, lists the dismissed flags and the resolved cases', () => {
    const page = parse(html(true));
    const text = page.text;
    // No unverifiable account and no input error here: the section follows 四 as 五, never a gap.
    expect(text).toContain('五、人工复核情况');
    expect(text).not.toContain('七、');
    expect(text).toContain('自上次运行以来：确认 1 项，忽略 1 项；本次系统解决 1 项；本次已复核忽略 1 项。');
    const tables = page.querySelectorAll('table').map((t) => t.querySelectorAll('tbody tr').map((tr) => tr.querySelectorAll('td').map((td) => td.text.trim())));
    const decided = tables.find((t) => t[0]?.[1] === '忽略')!;
    // 02:30 UTC is 10:30 in Shanghai; the checker is named beside the clerk.
    expect(decided[0]).toEqual(['2026-11-19 10:30', '忽略', '2', '002', '法定代表人', '高', 'wang / li', '登记机关数据滞后']);
    expect(decided[1]?.slice(0, 2)).toEqual(['2026-11-18 16:00', '确认']);
    expect(tables.some((t) => t[0]?.[2] === '002' && t[0]?.[1] === '2' && t.length === 1)).toBe(true);
    const resolved = tables.find((t) => t[0]?.[2] === '003' && t[0]?.[5] === '已确认')!;
    expect(resolved[0]).toEqual(['中', '3', '003', '公司003', '注册地址', '已确认', '北院', '南院']);
  });

  it('has no such section when the run kept no cases', () => {
    expect(parse(html(false)).text).not.toContain('人工复核情况');
  });
});
