// A checker's 驳回 of a prepared change request (review-workbench.md, Who: checkers "approve or
// reject … change requests … never their own"), and 批准提交 refused once a run has closed the case.
// Real PostgreSQL only: neither path reaches the queue (a queue that throws proves it).
import type { Job, Queue } from 'bullmq';
import type { BotRuntime } from '../../../bots/sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { approveChange, changeJobProcessor, rejectChange, type ChangeJobData } from '../../../jobs/review/changes';
import { createLogger } from '../../../jobs/runtime/logger';
import { DecisionError, type Reviewer } from '../../../jobs/review/decisions';
import { startTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { seedCase, seedUsers } from './seed-cases';

const clerk: Reviewer = { name: 'wang', role: 'clerk', branches: ['001'] };
const checker: Reviewer = { name: 'li', role: 'checker', branches: ['001'] };
const otherBranch: Reviewer = { name: 'qian', role: 'checker', branches: ['002'] };
const admin: Reviewer = { name: 'root', role: 'admin', branches: [] };
const noQueue = { add: () => Promise.reject(new Error('nothing may be enqueued here')) } as unknown as Queue<ChangeJobData>;

let t: TestDatabase;
beforeAll(async () => {
  t = await startTestDatabase();
  await seedUsers(t.owner, [clerk, checker, otherBranch, admin].map((u) => ({ name: u.name, role: u.role, branches: [...u.branches] })));
}, 120_000);
afterAll(() => t?.close());

/** A confirmed address case with a `prepared` request by the clerk (as the dry-run job leaves it), at version 2. */
async function preparedRequest(preparedBy = clerk.name): Promise<{ caseId: number; requestId: number }> {
  const caseId = await seedCase(t.owner, { field: 'address', registryValue: '上海市黄浦区中山东一路1号' });
  await t.owner.updateTable('cases').set({ state: 'confirmed' }).where('id', '=', caseId).execute();
  const row = await t.owner
    .insertInto('change_requests')
    .values({ case_id: caseId, field: 'address', new_value: '上海市黄浦区中山东一路1号', state: 'prepared', prepared_by: preparedBy, screenshot: 'changes/x/form.png', version: 2 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { caseId: Number(caseId), requestId: Number(row.id) };
}

const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => (e instanceof DecisionError ? e.kind : e));

it('a checker of the branch rejects with a comment: state rejected, who/when/why kept, audit change.returned; the clerk may prepare again', async () => {
  const { caseId, requestId } = await preparedRequest();
  const done = await rejectChange(t.db, checker, { requestId, version: 2, comment: '写入值含错别字，请核对执照' });
  expect(done).toEqual({ requestId, version: 3 });
  const row = await t.db.selectFrom('change_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
  expect([row.state, row.rejected_by, row.review_comment, row.approved_by, row.version]).toEqual(['rejected', 'li', '写入值含错别字，请核对执照', null, 3]);
  expect(row.rejected_at).toBeInstanceOf(Date);
  const audit = await t.db.selectFrom('audit').select(['actor', 'action', 'subject', 'before', 'after']).where('subject', '=', `change:${requestId}`).execute();
  expect(audit).toEqual([{
    actor: 'li', action: 'change.returned', subject: `change:${requestId}`,
    before: { state: 'prepared', version: 2, preparedBy: 'wang' },
    after: { state: 'rejected', version: 3, caseId, field: 'address', newValue: '上海市黄浦区中山东一路1号', comment: '写入值含错别字，请核对执照' },
  }]);
  // No longer in flight: the one-per-case index lets the clerk prepare another.
  await t.db.insertInto('change_requests').values({ case_id: caseId, field: 'address', new_value: 'x', state: 'preparing', prepared_by: clerk.name }).execute();
  // Answered once: neither a second rejection nor an approval of it goes through.
  expect(await refusal(rejectChange(t.db, admin, { requestId, version: 3, comment: '再次驳回' }))).toBe('state');
  expect(await refusal(approveChange(t.db, noQueue, admin, { requestId, version: 3 }))).toBe('state');
});

it('four eyes, role, branch and version hold for a rejection; nothing changes when refused', async () => {
  const { requestId } = await preparedRequest(checker.name);
  expect(await refusal(rejectChange(t.db, checker, { requestId, version: 2, comment: '自己驳回自己' }))).toBe('forbidden');
  expect(await refusal(rejectChange(t.db, clerk, { requestId, version: 2, comment: '经办驳回' }))).toBe('forbidden');
  expect(await refusal(rejectChange(t.db, otherBranch, { requestId, version: 2, comment: '他行驳回' }))).toBe('forbidden');
  expect(await refusal(rejectChange(t.db, admin, { requestId, version: 1, comment: '旧页面' }))).toBe('stale');
  expect(await refusal(rejectChange(t.db, admin, { requestId: requestId + 1_000, version: 2, comment: '无此申请' }))).toBe('notFound');
  const row = await t.db.selectFrom('change_requests').select(['state', 'version']).where('id', '=', requestId).executeTakeFirstOrThrow();
  expect(row).toEqual({ state: 'prepared', version: 2 });
  expect(await t.db.selectFrom('audit').select('id').where('subject', '=', `change:${requestId}`).execute()).toEqual([]);
  // The database keeps four eyes too, whatever the code does.
  await expect(t.owner.updateTable('change_requests').set({ state: 'rejected', rejected_by: checker.name, review_comment: 'x' }).where('id', '=', requestId).execute()).rejects.toThrow(/change_requests_four_eyes_reject/);
  await expect(t.owner.updateTable('change_requests').set({ state: 'rejected' }).where('id', '=', requestId).execute()).rejects.toThrow(/change_requests_rejected_has_checker/);
});

it('批准提交 is refused once a run has closed the case (superseded or resolved); 驳回 still clears the request', async () => {
  for (const closed of ['superseded', 'resolved'] as const) {
    const { caseId, requestId } = await preparedRequest();
    await t.owner.updateTable('cases').set({ state: closed, version: 2 }).where('id', '=', caseId).execute();
    const err = await approveChange(t.db, noQueue, checker, { requestId, version: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecisionError);
    expect([(err as DecisionError).kind, (err as DecisionError).message]).toEqual(['state', expect.stringContaining('不能批准其变更申请')]);
    expect((await t.db.selectFrom('change_requests').select('state').where('id', '=', requestId).executeTakeFirstOrThrow()).state).toBe('prepared');
    await rejectChange(t.db, checker, { requestId, version: 2, comment: '案件已关闭，无需写回' });
    expect((await t.db.selectFrom('change_requests').select('state').where('id', '=', requestId).executeTakeFirstOrThrow()).state).toBe('rejected');
  }
});

it('an approved request whose case a run closed before the submit job ran is not submitted: failed, saying why, audited', async () => {
  const { caseId, requestId } = await preparedRequest();
  await approveChange(t.db, { add: () => Promise.resolve() } as unknown as Queue<ChangeJobData>, checker, { requestId, version: 2 });
  await t.owner.updateTable('cases').set({ state: 'superseded' }).where('id', '=', caseId).execute();
  // A runtime with no browser: reaching the bot would throw, and the test would fail.
  const runJob = changeJobProcessor({ db: t.db, runtime: {} as BotRuntime, varDir: '/nonexistent', log: createLogger('silent') });
  const job = { data: { requestId, mode: 'submit' }, attemptsMade: 0, opts: { attempts: 3 } } as unknown as Job<ChangeJobData>;
  expect(await runJob(job)).toEqual({ skipped: 'case superseded' });
  const row = await t.db.selectFrom('change_requests').select(['state', 'error', 'request_no']).where('id', '=', requestId).executeTakeFirstOrThrow();
  expect(row).toEqual({ state: 'failed', error: '案件数值已变化（已被新案件取代），变更申请未提交。', request_no: null });
  const audit = await t.db.selectFrom('audit').select(['actor', 'action', 'after']).where('subject', '=', `change:${requestId}`).orderBy('id').execute();
  expect(audit.map((a) => [a.actor, a.action])).toEqual([['li', 'change.approved'], ['system', 'change.failed']]);
  expect(audit[1]!.after).toMatchObject({ state: 'failed', caseState: 'superseded' });
  // A retry of the same job finds nothing more to do.
  expect(await runJob(job)).toEqual({ skipped: 'failed' });
});
