import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRunToCases, caseFingerprint, type RunFlag } from '../../../jobs/review/cases';
import { answerProposal, DEFAULT_REVIEW_POLICY, DecisionError, parseAnswer, parseProposal, proposeDecision, type Reviewer } from '../../../jobs/review/decisions';
import { listMyQueue, loadCasePage } from '../../../jobs/review/queue';
import { startTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { seedUsers } from './seed-cases';

// Decisions meet the runs that open, carry and close cases (helper C's applyRunToCases).
const clerk: Reviewer = { name: 'wang', role: 'clerk', branches: ['001'] };
const checker: Reviewer = { name: 'li', role: 'checker', branches: ['001'] };
const JOB = 'annual-review-check';
const config = { slaWorkingDays: { critical: 1, high: 5, medium: 20, low: 60 }, dismissalExpiryDays: 365 };

function flag(accountNo: string, field: string, severity: RunFlag['severity'], bankValue: string, registryValue: string): RunFlag {
  return {
    accountNo,
    field,
    severity,
    branch: '001',
    bankValue,
    registryValue,
    fingerprint: caseFingerprint({ bankValue, registryValue }, { normalise: (v) => v ?? '' }),
    flag: { accountNo, field, severity, bankValue, registryValue, name: '乙公司', message: `${field} 不一致` },
  };
}
const run = (date: string, flags: RunFlag[]) => applyRunToCases(t.db, { job: JOB, runId: `${JOB}/${date}/r1`, flags, today: date, config });

let t: TestDatabase;
beforeAll(async () => {
  t = await startTestDatabase();
  await seedUsers(t.db, [clerk, checker].map((r) => ({ ...r, branches: [...r.branches] })));
});
afterAll(() => t?.close());

describe('decisions across runs', () => {
  it('a dismissal holds on the next run (status dismissed, no new case); a confirmed case resolves when the flag goes', async () => {
    const scope = flag('62220001', 'businessScope', 'low', '软件开发', '软件开发；技术服务');
    const name = flag('62220001', 'name', 'high', '乙有限公司', '乙有限责任公司');
    const first = await run('2026-12-01', [scope, name]);
    const [scopeCase, nameCase] = first.flags.map((f) => f.caseId);

    await proposeDecision(t.db, DEFAULT_REVIEW_POLICY, clerk, { caseId: scopeCase!, version: 1, input: parseProposal({ kind: 'dismiss', reasonCode: '登记机关数据滞后', comment: '客户已提供新执照' }), today: '2026-12-01' });
    await proposeDecision(t.db, DEFAULT_REVIEW_POLICY, clerk, { caseId: nameCase!, version: 1, input: parseProposal({ kind: 'confirm', action: '通知客户办理变更，更新账户名称', comment: '已通知' }) });
    await answerProposal(t.db, DEFAULT_REVIEW_POLICY, checker, { caseId: nameCase!, version: 2, input: parseAnswer({ verdict: 'approve' }) });

    const second = await run('2026-12-02', [scope, name]);
    expect(second.flags).toEqual([
      { status: 'dismissed', caseId: scopeCase },
      { status: 'confirmed', caseId: nameCase },
    ]);
    const third = await run('2026-12-03', [scope]);
    expect(third.resolved.map((r) => r.caseId)).toEqual([nameCase]);
    const page = await loadCasePage(t.db, clerk, nameCase!, '2026-12-03');
    expect(page?.case.state).toBe('resolved');
    expect(page?.runs.map((r) => r.flag_status)).toEqual(['new', 'confirmed', 'resolved']);
    expect(page?.decisions.map((d) => [d.kind, d.status])).toEqual([['confirm', 'approved']]);
  });

  it('a run that supersedes a case while a clerk has its page open: the clerk decision is refused as stale', async () => {
    const before = flag('62220002', 'address', 'medium', '上海市浦东新区甲路1号', '上海市浦东新区乙路2号');
    const opened = await run('2026-12-04', [before]);
    const caseId = opened.flags[0]!.caseId;
    const loaded = await loadCasePage(t.db, clerk, caseId, '2026-12-04');
    const changed = flag('62220002', 'address', 'medium', '上海市浦东新区甲路1号', '上海市浦东新区丙路3号');
    const next = await run('2026-12-05', [changed]);
    expect(next.superseded).toBe(1);
    const err = await proposeDecision(t.db, DEFAULT_REVIEW_POLICY, clerk, { caseId, version: loaded!.case.version, input: parseProposal({ kind: 'confirm', action: '联系客户核实，更新注册地址', comment: '已联系' }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecisionError);
    expect((err as DecisionError).kind).toBe('stale');
    const queue = await listMyQueue(t.db, clerk, { page: 1, field: 'address' }, '2026-12-05');
    expect(queue.rows.map((r) => r.registryValue)).toEqual(['上海市浦东新区丙路3号']);
  });
});
