// Exactly once when the write-back worker dies (SIGKILL) after core banking recorded the request and
// before the number reached PostgreSQL: the job's lock runs out, another worker takes it, finds the
// request by the case's remark and records that number. One request at the portal, its number on
// the change request.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Queue, Worker } from 'bullmq';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ReviewAccountRecord } from '../../../bots/records';
import { BotRuntime, launchBrowser } from '../../../bots/sdk';
import { reviewAccountsOf } from '../../../fixtures/generator/review-accounts';
import { buildWorld } from '../../../fixtures/generator/world';
import type { PortalApp } from '../../../fixtures/kit/portal-app';
import { accountBookOf } from '../../../fixtures/portals/core-banking/customer-change-accounts';
import { CustomerChangeDesk } from '../../../fixtures/portals/core-banking/customer-change-desk';
import { createCoreBankingPortal } from '../../../fixtures/portals/core-banking/server';
import type { Reviewer } from '../../../jobs/review/decisions';
import { approveChange, openChangeQueue, prepareChange, startChangeWorker, type ChangeJobData } from '../../../jobs/review/changes';
import { REPO } from '../../helpers/cli-process';
import { startTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { startTestRuntime, type TestRuntime } from '../../helpers/test-runtime';
import { seedCase, seedUsers } from './seed-cases';

const LOGIN = { username: 'ops01', password: 'write-back-kill-password' };
const world = buildWorld(11, 'small');
const accounts: ReviewAccountRecord[] = [...reviewAccountsOf(world, '2026-12-04')].slice(0, 2);
const NEW_ADDRESS = '广东省深圳市南山区科技园南路99号';
const clerk: Reviewer = { name: 'clerk-wang', role: 'clerk', branches: [] };
const checker: Reviewer = { name: 'checker-li', role: 'checker', branches: [] };

let tdb: TestDatabase;
let rt: TestRuntime;
let browser: Browser | undefined;
let portal: PortalApp;
let desk: CustomerChangeDesk;
let queue: Queue<ChangeJobData>;
let worker: Worker<ChangeJobData> | undefined;
let url: string;

beforeAll(async () => {
  tdb = await startTestDatabase();
  await seedUsers(tdb.owner, [clerk, checker].map((u) => ({ name: u.name, role: u.role })));
  desk = new CustomerChangeDesk(accountBookOf(accounts));
  portal = createCoreBankingPortal(world, LOGIN, { customerChange: desk });
  url = await portal.listen(0);
  // A short job lock: a killed worker's job is taken again within seconds.
  rt = await startTestRuntime({ portals: { 'core-banking': { url, ...LOGIN } }, databaseUrl: tdb.databaseUrl, workerLockMs: 3_000, stalledIntervalMs: 1_000 });
  queue = openChangeQueue(rt.deps.redis);
}, 120_000);
afterAll(async () => {
  await queue?.close();
  await worker?.close();
  await browser?.close();
  await portal?.close();
  await rt?.stop();
  await tdb?.close();
});

async function stateOf(requestId: number) {
  return tdb.db.selectFrom('change_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
}

async function until(what: string, cond: () => Promise<boolean> | boolean, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it('the worker SIGKILLed between the submit and recording the number: one request, its number on the request', async () => {
  const accountNo = accounts[0]!.accountNo;
  const caseId = await seedCase(tdb.owner, { accountNo, field: 'address', registryValue: NEW_ADDRESS });
  await tdb.owner.updateTable('cases').set({ state: 'confirmed' }).where('id', '=', caseId).execute();

  // Its own process group: the kill takes its Chromium with it.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'test/integration/review/write-back-worker-child.ts')], {
    cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRITE_BACK_CONFIG: JSON.stringify(rt.config) },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await until(`the child worker (${output})`, () => output.includes('ready') || child.exitCode !== null, 60_000);
    expect(child.exitCode, output).toBeNull();
    const { requestId } = await prepareChange(tdb.db, queue, clerk, { caseId });
    await until('the dry-run', async () => (await stateOf(requestId)).state === 'prepared');
    // Core banking records the request and then stalls before answering: the window to kill in.
    desk.faults.set({ stallAfterRecordMs: 120_000 });
    const { version } = await stateOf(requestId);
    await approveChange(tdb.db, queue, checker, { requestId, version });
    await until('the request at the portal', () => desk.requests.length === 1 || child.exitCode !== null);
    expect(child.exitCode, output).toBeNull();
    expect((await stateOf(requestId)).state).toBe('submitting');
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    desk.faults.reset();

    // Another worker: takes the stalled job, searches, records the number of the one request.
    browser = await launchBrowser();
    const b = browser;
    const runtime = new BotRuntime(async () => b, () => ({ url, ...LOGIN }), pino({ level: 'silent' }));
    worker = await startChangeWorker({ config: rt.config, redis: rt.deps.redis, log: pino({ level: 'silent' }), db: tdb.db, runtime });
    await until('the number on the request', async () => ['submitted', 'failed'].includes((await stateOf(requestId)).state));
    const done = await stateOf(requestId);
    expect(desk.requests).toHaveLength(1);
    expect(done).toMatchObject({ state: 'submitted', request_no: desk.requests[0]!.requestNo });
    const submitted = await tdb.db.selectFrom('audit').select('after').where('subject', '=', `change:${requestId}`).where('action', '=', 'change.submitted').execute();
    expect(submitted).toHaveLength(1);
    expect(submitted[0]!.after).toMatchObject({ existing: true, requestNo: desk.requests[0]!.requestNo });
  } finally {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  }
}, 240_000);
