import { workingDaysAfter } from '../../runtime/calendar';
import type { OverdueCase } from './overdue-cases';

/** Lines of cases in the e-mail body; the outbox and the webhook carry every case. */
export const MAIL_CASE_LINES = 200;

const SEVERITY_ZH = { critical: '严重', high: '高', medium: '中', low: '低' } as const;
const STATE_ZH = { open: '待处理', proposed: '待复核' } as const;

export interface DigestCase extends OverdueCase {
  /** Working days past the due date, on the business calendar. */
  overdueWorkingDays: number;
}

/** What one day's digest says, to every channel. */
export interface SlaDigest {
  day: string;
  cases: DigestCase[];
  /** Overdue cases per 开户网点, most first. */
  byBranch: { branch: string; count: number }[];
  bySeverity: Record<string, number>;
  subject: string;
  text: string;
}

/**
 * The digest of `day` from its overdue cases: subject and plain text for the checkers, counts for
 * the webhook and the audit, each case linked to its page when `caseHref` is given (the workbench's
 * public address, OPSBOT_WEB_PUBLIC_URL). Pure: the same cases on the same day give the same digest.
 *
 * @example
 * digestOf('2026-12-07', await overdueCases(db, '2026-12-07')).subject
 * // '[opsbot] 2026-12-07 逾期案件 3 件（严重 1，高 2）'
 */
export function digestOf(day: string, overdue: readonly OverdueCase[], opts: { caseHref?: (id: number) => string } = {}): SlaDigest {
  const cases = overdue.map((c) => ({ ...c, overdueWorkingDays: workingDaysAfter(c.dueOn, day) }));
  const bySeverity: Record<string, number> = {};
  const branchCounts = new Map<string, number>();
  for (const c of cases) {
    bySeverity[c.severity] = (bySeverity[c.severity] ?? 0) + 1;
    branchCounts.set(c.branch, (branchCounts.get(c.branch) ?? 0) + 1);
  }
  const byBranch = [...branchCounts].map(([branch, count]) => ({ branch, count })).sort((a, b) => b.count - a.count || a.branch.localeCompare(b.branch));
  const counts = Object.entries(bySeverity).map(([s, n]) => `${SEVERITY_ZH[s as keyof typeof SEVERITY_ZH]} ${n}`).join('，');
  const subject = `[opsbot] ${day} 逾期案件 ${cases.length} 件（${counts}）`;
  const lines = [
    `截至 ${day}，以下严重、高风险案件已超过处理期限（按工作日计），请复核人员督办。`,
    '',
    '按开户网点:',
    ...byBranch.map((b) => `  ${b.branch}  ${b.count} 件`),
    '',
    '案件（严重在前，逾期最久在前）:',
    ...cases.slice(0, MAIL_CASE_LINES).map((c) => caseLine(c, opts.caseHref?.(c.id))),
  ];
  if (cases.length > MAIL_CASE_LINES) lines.push(`  …… 另有 ${cases.length - MAIL_CASE_LINES} 件，完整清单见投递文件夹中的 sla-digest/${day}/digest.json 或工作台“我的待办”。`);
  lines.push('', '在工作台“我的待办”中把“到期”选为“已逾期”即可筛出这些案件。');
  return { day, cases, byBranch, bySeverity, subject, text: lines.join('\n') };
}

function caseLine(c: DigestCase, href: string | undefined): string {
  const escalated = c.escalated ? ' [已升级]' : '';
  const link = href ? `  ${href}` : '';
  return `  #${c.id}${escalated}  ${SEVERITY_ZH[c.severity]}  ${c.branch}  账户 ${c.accountNo}  ${c.field}  ${STATE_ZH[c.state]}  到期 ${c.dueOn}  逾期 ${c.overdueWorkingDays} 个工作日${link}`;
}
