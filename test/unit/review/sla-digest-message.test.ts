import { describe, expect, it } from 'vitest';
import { digestOf, MAIL_CASE_LINES, type OverdueCase } from '../../../jobs/review/sla';
import { parseConfig } from '../../../jobs/runtime/config';

const overdue = (id: number, over: Partial<OverdueCase> = {}): OverdueCase => ({
  id, accountNo: `62220${id}`, field: 'address', branch: '上海分行', severity: 'high', state: 'open', dueOn: '2026-12-03', escalated: false, ...over,
});

describe('the SLA digest message', () => {
  it('counts by severity and by branch, most first, and says the working days overdue', () => {
    const d = digestOf('2026-12-07', [
      overdue(1, { severity: 'critical', branch: '北京分行', escalated: true }),
      overdue(2),
      overdue(3, { state: 'proposed', dueOn: '2026-11-27' }),
    ]);
    expect(d.subject).toBe('[opsbot] 2026-12-07 逾期案件 3 件（严重 1，高 2）');
    expect(d.byBranch).toEqual([{ branch: '上海分行', count: 2 }, { branch: '北京分行', count: 1 }]);
    expect(d.cases.map((c) => c.overdueWorkingDays)).toEqual([2, 2, 6]);
    expect(d.text).toContain('#1 [已升级]  严重  北京分行  账户 622201  address  待处理  到期 2026-12-03  逾期 2 个工作日');
    expect(d.text).toContain('#3  高  上海分行  账户 622203  address  待复核  到期 2026-11-27  逾期 6 个工作日');
  });

  it('links each case to its page when the workbench has a public address', () => {
    const d = digestOf('2026-12-07', [overdue(42)], { caseHref: (id) => `https://review.bank.example/cases/${id}` });
    expect(d.text).toContain('逾期 2 个工作日  https://review.bank.example/cases/42');
    expect(digestOf('2026-12-07', [overdue(42)]).text).not.toContain('https://');
  });

  it('lists at most MAIL_CASE_LINES cases in the text and says how many more there are', () => {
    const many = Array.from({ length: MAIL_CASE_LINES + 7 }, (_, i) => overdue(i + 1));
    const d = digestOf('2026-12-07', many);
    expect(d.cases).toHaveLength(MAIL_CASE_LINES + 7);
    expect(d.text.split('\n').filter((l) => l.startsWith('  #'))).toHaveLength(MAIL_CASE_LINES);
    expect(d.text).toContain('另有 7 件');
  });
});

describe('the SLA digest settings', () => {
  it('reads the checkers and the cron from OPSBOT_ variables, hourly 09-17 by default', () => {
    const cwd = '/nonexistent-opsbot-config-dir';
    expect(parseConfig({}, cwd)).toMatchObject({ slaDigestRecipients: [], slaDigestCron: '0 9-17 * * *' });
    const cfg = parseConfig({ OPSBOT_SLA_DIGEST_RECIPIENTS: 'a@bank.example, b@bank.example', OPSBOT_SLA_DIGEST_CRON: '30 8 * * *' }, cwd);
    expect(cfg.slaDigestRecipients).toEqual(['a@bank.example', 'b@bank.example']);
    expect(cfg.slaDigestCron).toBe('30 8 * * *');
    expect(() => parseConfig({ OPSBOT_SLA_DIGEST_RECIPIENTS: 'not-an-address' }, cwd)).toThrow(/OPSBOT_SLA_DIGEST_RECIPIENTS/);
  });
});
