// The write-back loop (review-workbench.md, "Write-back") through the ledger, the `changes` queue and
// its worker, against a real PostgreSQL, Redis, the core-banking fixture and Chromium: 准备变更申请 →
// dry-run screenshot → 批准提交 → submit job → 申请编号 on the request. Exactly once under a timeout
// after the click, two checkers at once and an expired session; a validation error goes back to
// the clerk with the portal's words.
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Queue, Worker } from 'bullmq';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewAccountRecord } from '../../../bots/records';
import { BotRuntime, launchBrowser } from '../../../bots/sdk';
import { reviewAccountsOf } from '../../../fixtures/generator/review-accounts';
import { buildWorld } from '../../../fixtures/generator/world';
import type { PortalApp } from '../../../fixtures/kit/portal-app';
import { accountBookOf } from '../../../fixtures/portals/core-banking/customer-change-accounts';
import { CustomerChangeDesk } from '../../../fixtures/portals/core-banking/customer-change-desk';
import { createCoreBankingPortal } from '../../../fixtures/portals/core-banking/server';
import { DecisionError, type Reviewer } from '../../../jobs/review/decisions';
import { approveChange, openChangeQueue, prepareChange, startChangeWorker, type ChangeJobData } from '../../../jobs/review/changes';
import { startTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { startTestRuntime, type TestRuntime } from '../../helpers/test-runtime';
import { seedCase, seedUsers } from './seed-cases';

const LOGIN = { username: 'ops01', password: 'write-back-test-password' };
const world = buildWorld(11, 'small');
const accounts: ReviewAccountRecord[] = [...reviewAccountsOf(world, '2026-12-04')].slice(0, 8);
const NEW_ADDRESS = '广东省深圳市南山区科技园南路88号';

const clerk: Reviewer = { name: 'clerk-wang', role: 'clerk', branches: ['001'] };
const checker: Reviewer = { name: 'checker-li', role: 'checker', branches: ['001'] };
const checker2: Reviewer = { name: 'checker-zhao', role: 'checker', branches: [] };

let tdb: TestDatabase;
let rt: TestRuntime;
let browser: Browser;
let portal: PortalApp;
let desk: CustomerChangeDesk;
let worker: Worker<ChangeJobData>;
let queue: Queue<ChangeJobData>;
let nextAccount = 0;

beforeAll(async () => {
  tdb = await startTestDatabase();
  await seedUsers(tdb.owner, [clerk, checker, checker2].map((u) => ({ name: u.name, role: u.role, branches: [...u.branches] })));
  browser = await launchBrowser();
  desk = new CustomerChangeDesk(accountBookOf(accounts));
  portal = createCoreBankingPortal(world, LOGIN, { customerChange: desk });
  const url = await portal.listen(0);
  rt = await startTestRuntime({ portals: { 'core-banking': { url, ...LOGIN } } });
  const runtime = new BotRuntime(async () => browser, () => ({ url, ...LOGIN }), pino({ level: 'silent' }));
  worker = await startChangeWorker({ config: rt.config, redis: rt.deps.redis, log: pino({ level: 'silent' }), db: tdb.db, runtime });
  queue = openChangeQueue(rt.deps.redis);
}, 120_000);
afterEach(() => {
  desk.faults.reset();
});
afterAll(async () => {
  await queue?.close();
  await worker?.close();
  await portal?.close();
  await browser?.close();
  await rt?.stop();
  await tdb?.close();
});

/** A confirmed address case on a fixture account of its own (one pending request per account and field). */
async function confirmedCase(registryValue = NEW_ADDRESS): Promise<{ caseId: number; accountNo: string }> {
  const accountNo = accounts[nextAccount++]!.accountNo;
  const caseId = await seedCase(tdb.owner, { accountNo, field: 'address', registryValue, branch: '001' });
  await tdb.owner.updateTable('cases').set({ state: 'confirmed' }).where('id', '=', caseId).execute();
  return { caseId, accountNo };
}

async function request(requestId: number) {
  return tdb.db.selectFrom('change_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
}

/** The request once it reaches one of `states` (the worker runs the bot meanwhile). */
async function settled(requestId: number, states: string[]) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const row = await request(requestId);
    if (states.includes(row.state)) return row;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`change request ${requestId} never reached ${states.join(' / ')}: ${JSON.stringify(await request(requestId))}`);
}

async function auditOf(subject: string): Promise<string[]> {
  const rows = await tdb.db.selectFrom('audit').select('action').where('subject', '=', subject).orderBy('id').execute();
  return rows.map((r) => r.action);
}

/** Prepare, wait for the dry-run, and return the prepared request. */
async function prepared(caseId: number) {
  const { requestId } = await prepareChange(tdb.db, queue, clerk, { caseId });
  return settled(requestId, ['prepared', 'failed']);
}

const filedFor = (accountNo: string) => desk.requests.filter((r) => r.accountNo === accountNo);

describe('write-back: prepare, approve, submit', () => {
  it('the clerk prepares (screenshot, nothing filed), a checker approves, the number lands on the request', async () => {
    const { caseId, accountNo } = await confirmedCase();
    const prep = await prepared(caseId);
    expect(prep).toMatchObject({ state: 'prepared', field: 'address', new_value: NEW_ADDRESS, prepared_by: clerk.name });
    await access(path.join(rt.config.varDir, prep.screenshot!));
    expect(prep.screenshot).toMatch(/dry-run.*\.png$/);
    expect(filedFor(accountNo)).toEqual([]);
    // A second click while one is in flight: refused by the database's one-active-request index.
    await expect(prepareChange(tdb.db, queue, clerk, { caseId })).rejects.toMatchObject({ kind: 'state' });
    // Four eyes: the clerk cannot approve, nor can a checker approve their own (the clerk here).
    await expect(approveChange(tdb.db, queue, { ...clerk, role: 'admin' }, { requestId: Number(prep.id), version: prep.version })).rejects.toMatchObject({ kind: 'forbidden' });

    await approveChange(tdb.db, queue, checker, { requestId: Number(prep.id), version: prep.version });
    const done = await settled(Number(prep.id), ['submitted', 'failed']);
    expect(filedFor(accountNo)).toHaveLength(1);
    expect(done).toMatchObject({ state: 'submitted', approved_by: checker.name, request_no: filedFor(accountNo)[0]!.requestNo, error: null });
    expect(filedFor(accountNo)[0]!.remark).toContain(`[case:${caseId}]`);
    expect(filedFor(accountNo)[0]!.remark).toContain(`[approval:${prep.id}]`);
    expect(await auditOf(`change:${prep.id}`)).toEqual(['change.prepared', 'change.approved', 'change.submitted']);
  }, 120_000);

  it('a checker of another branch may not approve', async () => {
    const { caseId } = await confirmedCase();
    const prep = await prepared(caseId);
    const err = await approveChange(tdb.db, queue, { name: 'checker-li', role: 'checker', branches: ['999'] }, { requestId: Number(prep.id), version: prep.version }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecisionError);
    expect((err as DecisionError).kind).toBe('forbidden');
  }, 120_000);

  it('a timeout after the click (recorded, answered 504): retried, exactly one request, its number on the request', async () => {
    const { caseId, accountNo } = await confirmedCase();
    const prep = await prepared(caseId);
    desk.faults.set({ gatewayTimeoutAfterRecord: 1 });
    await approveChange(tdb.db, queue, checker, { requestId: Number(prep.id), version: prep.version });
    const done = await settled(Number(prep.id), ['submitted', 'failed']);
    expect(filedFor(accountNo)).toHaveLength(1);
    expect(done).toMatchObject({ state: 'submitted', request_no: filedFor(accountNo)[0]!.requestNo });
  }, 120_000);

  it('two checkers approving at the same moment: one approval, one submit, one request', async () => {
    const { caseId, accountNo } = await confirmedCase();
    const prep = await prepared(caseId);
    const answers = await Promise.allSettled([checker, checker2].map((c) => approveChange(tdb.db, queue, c, { requestId: Number(prep.id), version: prep.version })));
    expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    const lost = answers.find((a) => a.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ kind: 'stale' });
    const done = await settled(Number(prep.id), ['submitted', 'failed']);
    expect(filedFor(accountNo)).toHaveLength(1);
    expect(done).toMatchObject({ state: 'submitted', request_no: filedFor(accountNo)[0]!.requestNo });
    expect((await auditOf(`change:${prep.id}`)).filter((a) => a === 'change.approved')).toHaveLength(1);
    expect(await queue.getJobCounts('completed', 'failed', 'waiting', 'active')).toMatchObject({ failed: 0 });
  }, 120_000);

  it('the session expiring mid-form: one request, its number on the request', async () => {
    const { caseId, accountNo } = await confirmedCase();
    const prep = await prepared(caseId);
    desk.faults.set({ expireSessionOnSubmit: 1 });
    await approveChange(tdb.db, queue, checker, { requestId: Number(prep.id), version: prep.version });
    const done = await settled(Number(prep.id), ['submitted', 'failed']);
    expect(filedFor(accountNo)).toHaveLength(1);
    expect(done).toMatchObject({ state: 'submitted', request_no: filedFor(accountNo)[0]!.requestNo });
  }, 120_000);

  it('a validation error: failed with the portal message, back with the clerk, nothing filed; a new request may follow', async () => {
    const { caseId, accountNo } = await confirmedCase('深圳'.repeat(60));
    const prep = await prepared(caseId);
    await approveChange(tdb.db, queue, checker, { requestId: Number(prep.id), version: prep.version });
    const done = await settled(Number(prep.id), ['submitted', 'failed']);
    expect(done.state).toBe('failed');
    expect(done.error).toMatch(/注册地址.*100/);
    expect(done.request_no).toBeNull();
    expect(filedFor(accountNo)).toEqual([]);
    expect(await auditOf(`change:${prep.id}`)).toEqual(['change.prepared', 'change.approved', 'change.failed']);
    expect(await auditOf(`case:${caseId}`)).toContain('change.returned');
    // The failed request is no longer in flight: the clerk may prepare again.
    await expect(prepareChange(tdb.db, queue, clerk, { caseId })).resolves.toMatchObject({ requestId: expect.any(Number) });
  }, 120_000);

  it('an account core banking no longer has: the dry-run fails with that message, back with the clerk', async () => {
    const caseId = await seedCase(tdb.owner, { accountNo: '6222999999990001', field: 'address', registryValue: NEW_ADDRESS, branch: '001' });
    await tdb.owner.updateTable('cases').set({ state: 'confirmed' }).where('id', '=', caseId).execute();
    const failed = await prepared(caseId);
    expect(failed.state).toBe('failed');
    expect(failed.error).toContain('6222999999990001');
    expect(await auditOf(`change:${failed.id}`)).toEqual(['change.prepared', 'change.failed']);
    expect(await auditOf(`case:${caseId}`)).toContain('change.returned');
    expect(filedFor('6222999999990001')).toEqual([]);
  }, 120_000);

  it('an unknown rejection: failed with the portal text, not retried, evidence kept', async () => {
    const { caseId, accountNo } = await confirmedCase();
    const prep = await prepared(caseId);
    desk.faults.set({ rejectUnknown: 1 });
    await approveChange(tdb.db, queue, checker, { requestId: Number(prep.id), version: prep.version });
    const done = await settled(Number(prep.id), ['submitted', 'failed']);
    expect(done.state).toBe('failed');
    expect(done.error).toBeTruthy();
    expect(filedFor(accountNo)).toEqual([]);
    const job = await queue.getJob(`change-${prep.id}-submit`);
    expect(job?.attemptsMade).toBe(1);
    await access(path.join(rt.config.varDir, done.screenshot!));
    expect(done.screenshot).not.toBe(prep.screenshot);
  }, 120_000);
});
