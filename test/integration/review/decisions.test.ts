import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerProposal,
  DEFAULT_REVIEW_POLICY,
  DecisionError,
  escalateCase,
  parseAnswer,
  parseProposal,
  proposeDecision,
  type Reviewer,
} from '../../../jobs/review/decisions';
import { startTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { seedCase, seedUsers } from './seed-cases';

const clerk: Reviewer = { name: 'wang', role: 'clerk', branches: ['001'] };
const clerk2: Reviewer = { name: 'zhao', role: 'clerk', branches: ['001'] };
const otherBranchClerk: Reviewer = { name: 'qian', role: 'clerk', branches: ['002'] };
const checker: Reviewer = { name: 'li', role: 'checker', branches: ['001'] };
const checker2: Reviewer = { name: 'wu', role: 'checker', branches: ['001'] };
const otherBranchChecker: Reviewer = { name: 'sun', role: 'checker', branches: ['002'] };
const viewer: Reviewer = { name: 'zhou', role: 'viewer', branches: [] };
const admin: Reviewer = { name: 'root', role: 'admin', branches: [] };
const policy = DEFAULT_REVIEW_POLICY;
const TODAY = '2026-12-07';

const confirmForm = { kind: 'confirm', action: '通知客户办理变更，更新账户名称', comment: '已电话通知客户' };
const dismissForm = { kind: 'dismiss', reasonCode: '已核实一致', comment: '客户营业执照原件核实一致' };

let t: TestDatabase;

beforeAll(async () => {
  t = await startTestDatabase();
  await seedUsers(t.db, [clerk, clerk2, otherBranchClerk, checker, checker2, otherBranchChecker, viewer, admin].map((r) => ({ ...r, branches: [...r.branches] })));
});
afterAll(() => t?.close());

async function caseRow(id: number) {
  return t.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
async function auditOf(id: number) {
  return t.db.selectFrom('audit').select(['actor', 'action', 'after']).where('subject', '=', `case:${id}`).orderBy('id').execute();
}
async function decisionsOf(id: number) {
  return t.db.selectFrom('decisions').selectAll().where('case_id', '=', id).orderBy('id').execute();
}
async function refused(promise: Promise<unknown>): Promise<DecisionError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DecisionError);
  return err as DecisionError;
}
/** Nothing changed: same version and state, no decision, no audit row. */
async function expectUnchanged(id: number, before: { version: number; state: string }, decisions = 0, audits = 0) {
  const after = await caseRow(id);
  expect({ version: after.version, state: after.state }).toEqual(before);
  expect(await decisionsOf(id)).toHaveLength(decisions);
  expect(await auditOf(id)).toHaveLength(audits);
}

describe('four eyes: a high case waits for a checker', () => {
  it('confirm → proposed (case.proposed) → approved by another → confirmed (case.approved)', async () => {
    const id = await seedCase(t.db, { severity: 'high' });
    const proposed = await proposeDecision(t.db, policy, clerk, { caseId: id, version: 1, input: parseProposal(confirmForm), today: TODAY });
    expect(proposed).toMatchObject({ state: 'proposed', version: 2 });
    expect((await caseRow(id)).state).toBe('proposed');
    expect((await decisionsOf(id))[0]).toMatchObject({ kind: 'confirm', status: 'pending', proposed_by: 'wang', action: confirmForm.action });

    const approved = await answerProposal(t.db, policy, checker, { caseId: id, version: 2, input: parseAnswer({ verdict: 'approve' }), today: TODAY });
    expect(approved).toMatchObject({ state: 'confirmed', version: 3 });
    expect((await decisionsOf(id))[0]).toMatchObject({ status: 'approved', reviewed_by: 'li' });
    const audit = await auditOf(id);
    expect(audit.map((a) => [a.actor, a.action])).toEqual([
      ['wang', 'case.proposed'],
      ['li', 'case.approved'],
    ]);
  });

  it('dismiss approved → dismissed until the expiry (365 days from today)', async () => {
    const id = await seedCase(t.db, { severity: 'critical' });
    await proposeDecision(t.db, policy, clerk, { caseId: id, version: 1, input: parseProposal(dismissForm), today: TODAY });
    expect((await caseRow(id)).dismissed_until).toBeNull();
    await answerProposal(t.db, policy, checker, { caseId: id, version: 2, input: parseAnswer({ verdict: 'approve', comment: '同意' }), today: TODAY });
    const row = await caseRow(id);
    expect(row.state).toBe('dismissed');
    expect(row.dismissed_until).toBe('2027-12-07');
  });

  it('reject → back to open with the checker comment (case.rejected); the clerk may propose again', async () => {
    const id = await seedCase(t.db, { severity: 'high' });
    await proposeDecision(t.db, policy, clerk, { caseId: id, version: 1, input: parseProposal(dismissForm), today: TODAY });
    const rejected = await answerProposal(t.db, policy, checker, { caseId: id, version: 2, input: parseAnswer({ verdict: 'reject', comment: '请补充核实材料' }) });
    expect(rejected).toMatchObject({ state: 'open', version: 3 });
    expect((await decisionsOf(id))[0]).toMatchObject({ status: 'rejected', reviewed_by: 'li', review_comment: '请补充核实材料' });
    expect((await auditOf(id)).map((a) => a.action)).toEqual(['case.proposed', 'case.rejected']);
    const again = await proposeDecision(t.db, policy, clerk, { caseId: id, version: 3, input: parseProposal(confirmForm) });
    expect(again.state).toBe('proposed');
  });

  it('the proposer cannot approve their own proposal, even as admin', async () => {
    const id = await seedCase(t.db, { severity: 'high' });
    await proposeDecision(t.db, policy, admin, { caseId: id, version: 1, input: parseProposal(confirmForm) });
    const err = await refused(answerProposal(t.db, policy, admin, { caseId: id, version: 2, input: parseAnswer({ verdict: 'approve' }) }));
    expect(err.kind).toBe('forbidden');
    expect(err.message).toContain('不能复核自己');
    await expectUnchanged(id, { version: 2, state: 'proposed' }, 1, 1);
  });

  it('a clerk cannot approve, a checker cannot propose', async () => {
    const id = await seedCase(t.db, { severity: 'high' });
    expect((await refused(proposeDecision(t.db, policy, checker, { caseId: id, version: 1, input: parseProposal(confirmForm) }))).kind).toBe('forbidden');
    await proposeDecision(t.db, policy, clerk, { caseId: id, version: 1, input: parseProposal(confirmForm) });
    expect((await refused(answerProposal(t.db, policy, clerk2, { caseId: id, version: 2, input: parseAnswer({ verdict: 'approve' }) }))).kind).toBe('forbidden');
    await expectUnchanged(id, { version: 2, state: 'proposed' }, 1, 1);
  });
});

describe('other severities take effect on the clerk decision', () => {
  it('medium confirm → confirmed at once (case.confirmed), no checker', async () => {
    const id = await seedCase(t.db, { severity: 'medium', field: 'address' });
    const result = await proposeDecision(t.db, policy, clerk, { caseId: id, version: 1, input: parseProposal(confirmForm) });
    expect(result.state).toBe('confirmed');
    expect((await decisionsOf(id))[0]?.status).toBe('effective');
    expect((await auditOf(id)).map((a) => a.action)).toEqual(['case.confirmed']);
  });

  it('low dismiss → dismissed at once (case.dismissed) with its expiry', async () => {
    const id = await seedCase(t.db, { severity: 'low', field: 'businessScope' });
    const result = await proposeDecision(t.db, policy, clerk, { caseId: id, version: 1, input: parseProposal(dismissForm), today: TODAY });
    expect(result.state).toBe('dismissed');
    expect((await caseRow(id)).dismissed_until).toBe('2027-12-07');
    expect((await auditOf(id)).map((a) => a.action)).toEqual(['case.dismissed']);
  });

  it('the configured four-eyes list decides: with [] even a critical case takes effect at once', async () => {
    const id = await seedCase(t.db, { severity: 'critical' });
    const result = await proposeDecision(t.db, { ...policy, fourEyesSeverities: [] }, clerk, { caseId: id, version: 1, input: parseProposal(confirmForm) });
    expect(result.state).toBe('confirmed');
  });

  it('a medium case with medium listed waits for a checker', async () => {
    const id = await seedCase(t.db, { severity: 'medium' });
    const result = await proposeDecision(t.db, { ...policy, fourEyesSeverities: ['medium'] }, clerk, { caseId: id, version: 1, input: parseProposal(confirmForm) });
    expect(result.state).toBe('proposed');
  });
});

describe('escalate', () => {
  it('marks the case, keeps its state, one case.escalated row; a viewer may not', async () => {
    const id = await seedCase(t.db);
    expect((await refused(escalateCase(t.db, viewer, { caseId: id, version: 1, comment: '紧急' }))).kind).toBe('forbidden');
    const result = await escalateCase(t.db, clerk, { caseId: id, version: 1, comment: '客户账户有大额对外支付' });
    expect(result).toMatchObject({ state: 'open', version: 2 });
    const row = await caseRow(id);
    expect(row.escalated_at).toBeInstanceOf(Date);
    expect((await decisionsOf(id))[0]).toMatchObject({ kind: 'escalate', status: 'effective', comment: '客户账户有大额对外支付' });
    expect((await auditOf(id)).map((a) => a.action)).toEqual(['case.escalated']);
  });

  it('a decided case cannot be escalated', async () => {
    const id = await seedCase(t.db, { severity: 'low' });
    await proposeDecision(t.db, policy, clerk, { caseId: id, version: 1, input: parseProposal(confirmForm) });
    const err = await refused(escalateCase(t.db, clerk, { caseId: id, version: 2, comment: '升级' }));
    expect(err.kind).toBe('state');
    expect(err.message).toContain('已确认');
  });
});

describe('branch scope', () => {
  it('a clerk of another branch can neither propose nor escalate; nothing changes', async () => {
    const id = await seedCase(t.db, { branch: '001' });
    const err = await refused(proposeDecision(t.db, policy, otherBranchClerk, { caseId: id, version: 1, input: parseProposal(confirmForm) }));
    expect(err.kind).toBe('forbidden');
    expect(err.message).toContain('001');
    expect((await refused(escalateCase(t.db, otherBranchClerk, { caseId: id, version: 1, comment: '升级一下' }))).kind).toBe('forbidden');
    await expectUnchanged(id, { version: 1, state: 'open' });
  });

  it('a checker of another branch cannot answer', async () => {
    const id = await seedCase(t.db, { branch: '001' });
    await proposeDecision(t.db, policy, clerk, { caseId: id, version: 1, input: parseProposal(confirmForm) });
    expect((await refused(answerProposal(t.db, policy, otherBranchChecker, { caseId: id, version: 2, input: parseAnswer({ verdict: 'approve' }) }))).kind).toBe('forbidden');
    await expectUnchanged(id, { version: 2, state: 'proposed' }, 1, 1);
  });

  it('an empty branch list covers every branch', async () => {
    const allBranches: Reviewer = { name: 'zhao', role: 'clerk', branches: [] };
    const id = await seedCase(t.db, { branch: '777', severity: 'low' });
    expect((await proposeDecision(t.db, policy, allBranches, { caseId: id, version: 1, input: parseProposal(confirmForm) })).state).toBe('confirmed');
  });
});

describe('optimistic concurrency: the second writer never overwrites the first', () => {
  it('two clerks at once on the same version: one wins, the other gets the stale message', async () => {
    const id = await seedCase(t.db, { severity: 'high' });
    const results = await Promise.allSettled([
      proposeDecision(t.db, policy, clerk, { caseId: id, version: 1, input: parseProposal(confirmForm) }),
      proposeDecision(t.db, policy, clerk2, { caseId: id, version: 1, input: parseProposal(dismissForm) }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(DecisionError);
    expect((lost[0]!.reason as DecisionError).kind).toBe('stale');
    expect((lost[0]!.reason as DecisionError).message).toContain('已被他人修改');
    await expectUnchanged(id, { version: 2, state: 'proposed' }, 1, 1);
  });

  it('two checkers at once: one approves, the other (rejecting) is refused; one answer, one audit row', async () => {
    const id = await seedCase(t.db, { severity: 'critical' });
    await proposeDecision(t.db, policy, clerk, { caseId: id, version: 1, input: parseProposal(confirmForm) });
    const results = await Promise.allSettled([
      answerProposal(t.db, policy, checker, { caseId: id, version: 2, input: parseAnswer({ verdict: 'approve' }) }),
      answerProposal(t.db, policy, checker2, { caseId: id, version: 2, input: parseAnswer({ verdict: 'reject', comment: '不同意' }) }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect((lost?.reason as DecisionError).kind).toBe('stale');
    const [decision] = await decisionsOf(id);
    expect(['approved', 'rejected']).toContain(decision?.status);
    expect((await caseRow(id)).version).toBe(3);
    expect((await auditOf(id)).map((a) => a.action)).toHaveLength(2);
  });

  it('a form with an old version is refused after another change', async () => {
    const id = await seedCase(t.db);
    await escalateCase(t.db, clerk2, { caseId: id, version: 1, comment: '先升级' });
    const err = await refused(proposeDecision(t.db, policy, clerk, { caseId: id, version: 1, input: parseProposal(confirmForm) }));
    expect(err.kind).toBe('stale');
    await expectUnchanged(id, { version: 2, state: 'open' }, 1, 1);
  });

  it('a checker answering an old page after the clerk changed it again is refused', async () => {
    const id = await seedCase(t.db, { severity: 'high' });
    await proposeDecision(t.db, policy, clerk, { caseId: id, version: 1, input: parseProposal(confirmForm) });
    await escalateCase(t.db, clerk, { caseId: id, version: 2, comment: '请尽快复核' });
    expect((await refused(answerProposal(t.db, policy, checker, { caseId: id, version: 2, input: parseAnswer({ verdict: 'approve' }) }))).kind).toBe('stale');
    expect((await caseRow(id)).state).toBe('proposed');
  });
});

describe('bad input and changed state: a clear message, nothing changed', () => {
  it.each([
    [{ kind: 'dismiss', reasonCode: '客户说没问题', comment: '客户来电说明情况' }, '未知的忽略原因'],
    [{ kind: 'dismiss', reasonCode: '其他', comment: '   ' }, '请填写说明'],
    [{ kind: 'dismiss', reasonCode: '其他', comment: '不用' }, '至少 5 个字'],
    [{ kind: 'confirm', action: '随便处理', comment: '已处理完毕' }, '未知的处理措施'],
    [{ kind: 'confirm', action: '更正系统记录', comment: '' }, '请填写说明'],
    [{ kind: 'approve' }, '请选择'],
  ])('%j → %s', (form, message) => {
    expect(() => parseProposal(form)).toThrow(message);
  });

  it('a rejection without a comment is refused', () => {
    expect(() => parseAnswer({ verdict: 'reject', comment: ' ' })).toThrow('退回意见');
  });

  it('a proposal on a case already proposed (state changed since the page loaded) is refused', async () => {
    const id = await seedCase(t.db, { severity: 'high' });
    await proposeDecision(t.db, policy, clerk, { caseId: id, version: 1, input: parseProposal(confirmForm) });
    const err = await refused(proposeDecision(t.db, policy, clerk2, { caseId: id, version: 2, input: parseProposal(dismissForm) }));
    expect(err.kind).toBe('state');
    expect(err.message).toContain('待复核');
    await expectUnchanged(id, { version: 2, state: 'proposed' }, 1, 1);
  });

  it('answering a case with nothing pending is refused', async () => {
    const id = await seedCase(t.db);
    expect((await refused(answerProposal(t.db, policy, checker, { caseId: id, version: 1, input: parseAnswer({ verdict: 'approve' }) }))).kind).toBe('state');
    await expectUnchanged(id, { version: 1, state: 'open' });
  });

  it('an unknown case id is notFound', async () => {
    expect((await refused(proposeDecision(t.db, policy, clerk, { caseId: 999_999, version: 1, input: parseProposal(confirmForm) }))).kind).toBe('notFound');
  });

  it('a viewer can propose nothing', async () => {
    const id = await seedCase(t.db);
    expect((await refused(proposeDecision(t.db, policy, viewer, { caseId: id, version: 1, input: parseProposal(confirmForm) }))).kind).toBe('forbidden');
    await expectUnchanged(id, { version: 1, state: 'open' });
  });
});

describe('audit', () => {
  it('each decision row is in the hash chain with its comment and the case versions', async () => {
    const id = await seedCase(t.db, { severity: 'high' });
    await proposeDecision(t.db, policy, clerk, { caseId: id, version: 1, input: parseProposal(dismissForm) });
    const [row] = await auditOf(id);
    expect(row?.after).toMatchObject({ state: 'proposed', version: 2, kind: 'dismiss', reasonCode: '已核实一致', comment: dismissForm.comment });
    const hashes = await t.db.selectFrom('audit').select('hash').execute();
    expect(new Set(hashes.map((h) => h.hash)).size).toBe(hashes.length);
  });
});
