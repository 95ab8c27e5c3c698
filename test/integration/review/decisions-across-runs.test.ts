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

  it('a proposal waiting for a checker is withdrawn when a run supersedes or resolves its case: no checker can approve it', async () => {
    const name = flag('62220003', 'name', 'high', '丙有限公司', '丙有限责任公司');
    const address = flag('62220003', 'address', 'critical', '北京市东城区甲路1号', '北京市东城区乙路2号');
    const opened = await run('2026-12-07', [name, address]);
    const [nameCase, addressCase] = opened.flags.map((f) => f.caseId);
    const confirm = parseProposal({ kind: 'confirm', action: '通知客户办理变更，更新账户名称', comment: '已通知客户' });
    const dismiss = parseProposal({ kind: 'dismiss', reasonCode: '客户已提交变更', comment: '客户已提交变更材料' });
    const proposedName = await proposeDecision(t.db, DEFAULT_REVIEW_POLICY, clerk, { caseId: nameCase!, version: 1, input: confirm });
    const proposedAddress = await proposeDecision(t.db, DEFAULT_REVIEW_POLICY, clerk, { caseId: addressCase!, version: 1, input: dismiss });
    expect([proposedName.state, proposedAddress.state]).toEqual(['proposed', 'proposed']);

    // The registry's name changes again (supersede); the address now agrees (resolve).
    const next = await run('2026-12-08', [flag('62220003', 'name', 'high', '丙有限公司', '丙科技有限责任公司')]);
    expect([next.superseded, next.resolved.map((r) => r.caseId)]).toEqual([1, [addressCase]]);

    const decisions = await t.db.selectFrom('decisions').select(['id', 'case_id', 'status', 'reviewed_by', 'review_comment']).where('case_id', 'in', [nameCase!, addressCase!]).orderBy('id').execute();
    expect(decisions.map((d) => [d.id, d.status, d.reviewed_by])).toEqual([[proposedName.decisionId, 'withdrawn', null], [proposedAddress.decisionId, 'withdrawn', null]]);
    expect(decisions[0]!.review_comment).toContain('数值已变化');
    expect(decisions[1]!.review_comment).toContain('已解决');

    const audit = await t.db.selectFrom('audit').select(['action', 'subject', 'after']).where('subject', 'in', [`case:${nameCase}`, `case:${addressCase}`]).where('action', 'in', ['case.superseded', 'case.resolved']).orderBy('id').execute();
    expect(audit.map((a) => [a.action, a.subject, (a.after as { withdrawnDecisions?: number[] }).withdrawnDecisions])).toEqual([
      ['case.superseded', `case:${nameCase}`, [proposedName.decisionId]],
      ['case.resolved', `case:${addressCase}`, [proposedAddress.decisionId]],
    ]);

    // The checker's page was open on the old version, or reloaded: refused either way, nothing changed.
    for (const [caseId, version] of [[nameCase!, proposedName.version], [addressCase!, proposedAddress.version + 1]] as const) {
      const err = await answerProposal(t.db, DEFAULT_REVIEW_POLICY, checker, { caseId, version, input: parseAnswer({ verdict: 'approve' }) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DecisionError);
      expect(['stale', 'state']).toContain((err as DecisionError).kind);
    }
    const page = await loadCasePage(t.db, checker, nameCase!, '2026-12-08');
    expect(page?.pending).toBeUndefined();
    expect(page?.decisions.map((d) => d.status)).toEqual(['withdrawn']);
  });

  it('a run that closes no proposed case withdraws nothing and names none in its audit', async () => {
    const scope = flag('62220004', 'businessScope', 'low', '咨询', '咨询；培训');
    const opened = await run('2026-12-09', [scope]);
    await proposeDecision(t.db, DEFAULT_REVIEW_POLICY, clerk, { caseId: opened.flags[0]!.caseId, version: 1, input: parseProposal({ kind: 'confirm', action: '更正系统记录', comment: '已通知' }) });
    await run('2026-12-10', []);
    const resolved = await t.db.selectFrom('audit').select('after').where('subject', '=', `case:${opened.flags[0]!.caseId}`).where('action', '=', 'case.resolved').executeTakeFirstOrThrow();
    expect(resolved.after).toEqual({ state: 'resolved', runId: `${JOB}/2026-12-10/r1` });
    const statuses = await t.db.selectFrom('decisions').select('status').where('case_id', '=', opened.flags[0]!.caseId).execute();
    expect(statuses.map((d) => d.status)).toEqual(['effective']);
  });
});
