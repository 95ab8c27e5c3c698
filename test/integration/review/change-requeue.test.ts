// "Commit, then enqueue" made safe (write-back): a request whose job was lost — Redis down at the
// click, a crash between commit and enqueue, or a failed job the request never recorded — is found
// by the change worker's sweep and its job added or retried. Real PostgreSQL and Redis; no browser
// (the queue is paused or no worker runs, so no bot ever starts).
import { QueueEvents, UnrecoverableError, Worker, type Queue } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  approveChange, changeJobId, CHANGES_QUEUE, enqueueChangeJob, openChangeQueue, prepareChange, requeueLostChangeJobs, startChangeWorker, type ChangeJobData,
} from '../../../jobs/review/changes';
import type { Reviewer } from '../../../jobs/review/decisions';
import type { ChangeRequestState } from '../../../jobs/runtime/db';
import { createLogger } from '../../../jobs/runtime/logger';
import { startTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { startTestRuntime, type TestRuntime } from '../../helpers/test-runtime';
import { seedCase, seedUsers } from './seed-cases';

const clerk: Reviewer = { name: 'wang', role: 'clerk', branches: ['001'] };
const checker: Reviewer = { name: 'li', role: 'checker', branches: ['001'] };
const log = createLogger('silent');
const redisDown = { add: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')) } as unknown as Queue<ChangeJobData>;

let t: TestDatabase;
let rt: TestRuntime;
let queue: Queue<ChangeJobData>;
beforeAll(async () => {
  t = await startTestDatabase();
  rt = await startTestRuntime();
  await seedUsers(t.owner, [clerk, checker].map((u) => ({ name: u.name, role: u.role, branches: [...u.branches] })));
  queue = openChangeQueue(rt.deps.redis);
}, 120_000);
afterAll(async () => {
  await queue?.close();
  await rt?.stop();
  await t?.close();
});

async function confirmedCase(): Promise<number> {
  const caseId = Number(await seedCase(t.owner, { field: 'address', registryValue: '杭州市西湖区文三路1号' }));
  await t.owner.updateTable('cases').set({ state: 'confirmed' }).where('id', '=', caseId).execute();
  return caseId;
}
/** A request in `state` last changed `ageMs` ago, straight into the table. */
async function requestIn(state: ChangeRequestState, ageMs = 120_000): Promise<number> {
  const row = await t.owner
    .insertInto('change_requests')
    .values({ case_id: await confirmedCase(), field: 'address', new_value: '杭州市西湖区文三路1号', state, prepared_by: clerk.name, ...(state === 'preparing' ? {} : { approved_by: checker.name }), updated_at: new Date(Date.now() - ageMs) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
/** Earlier tests' waiting requests and jobs out of the way: each test sweeps only its own. */
async function freshLedger(): Promise<void> {
  await t.owner.updateTable('change_requests').set({ state: 'failed', error: 'cleared by the test' }).where('state', 'in', ['preparing', 'approved', 'submitting']).execute();
  await queue.obliterate({ force: true });
}
const age = (requestId: number) => t.owner.updateTable('change_requests').set({ updated_at: new Date(Date.now() - 120_000) }).where('id', '=', requestId).execute();

it('Redis down at 准备 / 批准: the request is saved and says so; the sweep adds the job once, a second sweep adds nothing', async () => {
  const caseId = await confirmedCase();
  const prepared = await prepareChange(t.db, redisDown, clerk, { caseId });
  expect(prepared.enqueueError?.message).toContain('ECONNREFUSED');
  const row = await t.db.selectFrom('change_requests').select(['state', 'version']).where('id', '=', prepared.requestId).executeTakeFirstOrThrow();
  expect(row.state).toBe('preparing');
  expect(await t.db.selectFrom('audit').select('action').where('subject', '=', `change:${prepared.requestId}`).execute()).toEqual([{ action: 'change.prepared' }]);

  // Within the grace period the click may still be enqueueing: left alone.
  expect(await requeueLostChangeJobs(t.db, queue, log)).toEqual({ added: [], retried: [] });
  await age(prepared.requestId);
  expect(await requeueLostChangeJobs(t.db, queue, log)).toEqual({ added: [prepared.requestId], retried: [] });
  const job = await queue.getJob(changeJobId(prepared.requestId, 'dry-run'));
  expect(job?.data).toEqual({ requestId: prepared.requestId, mode: 'dry-run' });
  expect(job?.opts.attempts).toBe(3);
  expect(await requeueLostChangeJobs(t.db, queue, log)).toEqual({ added: [], retried: [] });

  // As the dry-run would leave it, then approved while Redis is down again.
  await t.owner.updateTable('change_requests').set({ state: 'prepared', version: 2 }).where('id', '=', prepared.requestId).execute();
  const approved = await approveChange(t.db, redisDown, checker, { requestId: prepared.requestId, version: 2 });
  expect([approved.version, approved.enqueueError?.message]).toEqual([3, expect.stringContaining('ECONNREFUSED')]);
  await age(prepared.requestId);
  expect(await requeueLostChangeJobs(t.db, queue, log)).toEqual({ added: [prepared.requestId], retried: [] });
  expect((await queue.getJob(changeJobId(prepared.requestId, 'submit')))?.data).toEqual({ requestId: prepared.requestId, mode: 'submit' });
});

it('a Redis that lost its data: a `submitting` request gets its submit job back (the bot searches before filing); done requests are left alone', async () => {
  const submitting = await requestIn('submitting');
  const untouched = await Promise.all((['prepared', 'submitted', 'failed', 'rejected'] as const).map(async (s) => {
    const id = await requestIn('prepared');
    if (s !== 'prepared') await t.owner.updateTable('change_requests').set({ state: s, ...(s === 'submitted' ? { request_no: 'BG-1' } : {}), ...(s === 'rejected' ? { rejected_by: checker.name, review_comment: 'x' } : {}) }).where('id', '=', id).execute();
    return id;
  }));
  const swept = await requeueLostChangeJobs(t.db, queue, log);
  expect(swept).toEqual({ added: [submitting], retried: [] });
  for (const id of untouched) expect([await queue.getJob(changeJobId(id, 'dry-run')), await queue.getJob(changeJobId(id, 'submit'))]).toEqual([undefined, undefined]);
});

it('a job that failed while its request still waits for it is retried, once', async () => {
  await freshLedger();
  const requestId = await requestIn('approved');
  await enqueueChangeJob(queue, requestId, 'submit');
  const events = new QueueEvents(CHANGES_QUEUE, { connection: rt.deps.redis.connection, prefix: rt.deps.redis.prefix });
  await events.waitUntilReady();
  // A worker that fails the job without touching the request (as when the database was unreachable).
  const failing = new Worker<ChangeJobData>(CHANGES_QUEUE, async () => { throw new UnrecoverableError('database unreachable'); }, { connection: rt.deps.redis.connection, prefix: rt.deps.redis.prefix });
  const job = (await queue.getJob(changeJobId(requestId, 'submit')))!;
  await job.waitUntilFinished(events).catch(() => undefined);
  await failing.close();
  await events.close();
  expect(await job.getState()).toBe('failed');
  expect(await requeueLostChangeJobs(t.db, queue, log)).toEqual({ added: [], retried: [requestId] });
  expect(await (await queue.getJob(changeJobId(requestId, 'submit')))!.getState()).toBe('waiting');
  expect(await requeueLostChangeJobs(t.db, queue, log)).toEqual({ added: [], retried: [] });
}, 30_000);

it('the change worker sweeps when it starts, and close() stops the sweep', async () => {
  await freshLedger();
  const requestId = await requestIn('preparing');
  await queue.pause();
  try {
    const worker = await startChangeWorker({ config: rt.config, redis: rt.deps.redis, log, db: t.db, requeueEveryMs: 100 });
    let job = await queue.getJob(changeJobId(requestId, 'dry-run'));
    for (let i = 0; !job && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = await queue.getJob(changeJobId(requestId, 'dry-run'));
    }
    await worker.close();
    expect(job?.data).toEqual({ requestId, mode: 'dry-run' });
    // Queued, and not taken: the paused queue kept the worker (and its browser) away.
    expect(['waiting', 'paused']).toContain(await job!.getState());
    // Closed: no sweep runs any more, so a request left waiting now gets no job from this worker.
    const later = await requestIn('preparing');
    await new Promise((r) => setTimeout(r, 400));
    expect(await queue.getJob(changeJobId(later, 'dry-run'))).toBeUndefined();
  } finally {
    await queue.resume();
    await queue.obliterate({ force: true });
  }
}, 30_000);
