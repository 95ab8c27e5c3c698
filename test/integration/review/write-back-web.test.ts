// The case page's 变更申请 section over HTTP (real PostgreSQL, Redis for the changes queue, no
// worker: jobs stay queued): buttons by role and branch, one request per double click, the
// screenshot served only to the case's branch, 批准提交 by a checker who did not prepare it.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import session from 'express-session';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openChangeQueue, type ChangeJobData } from '../../../jobs/review/changes';
import { DEFAULT_REVIEW_POLICY } from '../../../jobs/review/decisions';
import { REVIEW_NAV, reviewRouter } from '../../../jobs/review/web';
import type { Role } from '../../../jobs/runtime/db';
import { createLogger } from '../../../jobs/runtime/logger';
import { createWebApp, type WebUser } from '../../../jobs/runtime/web';
import { startTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { startTestRuntime, type TestRuntime } from '../../helpers/test-runtime';
import { seedCase, seedUsers } from './seed-cases';
import { WebClient } from './web-client';

const USERS: { name: string; role: Role; branches: string[] }[] = [
  { name: 'wang', role: 'clerk', branches: ['001'] },
  { name: 'li', role: 'checker', branches: ['001'] },
  { name: 'qian', role: 'checker', branches: ['002'] },
];
// A PNG signature is enough: the route serves the file, it does not decode it.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

let t: TestDatabase;
let rt: TestRuntime;
let queue: Queue<ChangeJobData>;
let server: Server;
let lostQueueServer: Server | undefined;
let base: string;

/** The workbench on a test server, its write-back enqueueing into `changes`. */
async function serve(changes: Queue<ChangeJobData>, log: Logger): Promise<Server> {
  const app = createWebApp({
    db: t.db,
    log: createLogger('silent'),
    authenticate: async (name, password) => {
      const u = USERS.find((x) => x.name === name);
      return u && password === 'pw-for-tests' ? ({ ...u } satisfies WebUser) : undefined;
    },
    sessionStore: new session.MemoryStore(),
    sessionSecret: 'a-test-secret-of-enough-length-0123456789',
    pages: [{ path: '/', router: reviewRouter({ db: t.db, policy: DEFAULT_REVIEW_POLICY, changes: { queue: changes, varDir: rt.varDir, log } }), nav: REVIEW_NAV }],
  });
  return new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
}

beforeAll(async () => {
  t = await startTestDatabase();
  rt = await startTestRuntime();
  await seedUsers(t.db, USERS);
  queue = openChangeQueue(rt.deps.redis);
  server = await serve(queue, createLogger('silent'));
  base = WebClient.of(server);
}, 120_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await new Promise((resolve) => (lostQueueServer ? lostQueueServer.close(resolve) : resolve(undefined)));
  await queue?.close();
  await rt?.stop();
  await t?.close();
});

async function as(name: string): Promise<WebClient> {
  const client = new WebClient(base);
  await client.login(name);
  return client;
}

it('prepare (clerk, once), the screenshot to the branch only, approve (another checker) over HTTP', async () => {
  const caseId = await seedCase(t.owner, { field: 'address', branch: '001', registryValue: '深圳市福田区深南大道1号' });
  await t.owner.updateTable('cases').set({ state: 'confirmed' }).where('id', '=', caseId).execute();
  const clerk = await as('wang');
  const checker = await as('li');

  const page = await clerk.get(`/cases/${caseId}`);
  expect(page.body).toContain('变更申请（写回核心系统）');
  expect(page.body).toContain('id="change-prepare"');
  expect((await checker.get(`/cases/${caseId}`)).body).not.toContain('id="change-prepare"');

  const csrf = await clerk.csrf(`/cases/${caseId}`);
  const first = await clerk.post(`/cases/${caseId}/change/prepare`, { _csrf: csrf });
  expect(first).toMatchObject({ status: 303, location: `/cases/${caseId}` });
  const again = await clerk.post(`/cases/${caseId}/change/prepare`, { _csrf: csrf });
  expect(again.status).toBe(409);
  expect(again.body).toContain('已有进行中的变更申请');
  const rows = await t.db.selectFrom('change_requests').selectAll().where('case_id', '=', caseId).execute();
  expect(rows.map((r) => [r.state, r.new_value, r.prepared_by])).toEqual([['preparing', '深圳市福田区深南大道1号', 'wang']]);
  const requestId = Number(rows[0]!.id);
  expect(await queue.getJob(`change-${requestId}-dry-run`)).toBeDefined();

  // What the dry-run job leaves (no worker here): the screenshot under var/changes and `prepared`.
  const shot = path.join('changes', `request-${requestId}`, 'dry-run-attempt-1', 'form.png');
  mkdirSync(path.dirname(path.join(rt.varDir, shot)), { recursive: true });
  writeFileSync(path.join(rt.varDir, shot), PNG);
  await t.owner.updateTable('change_requests').set({ state: 'prepared', screenshot: shot, version: 2 }).where('id', '=', requestId).execute();

  const checkerPage = await checker.get(`/cases/${caseId}`);
  expect(checkerPage.body).toContain('id="change-approve"');
  expect(checkerPage.body).toContain(`/cases/${caseId}/change/${requestId}/screenshot`);
  expect((await clerk.get(`/cases/${caseId}`)).body).not.toContain('id="change-approve"');
  const img = await checker.get(`/cases/${caseId}/change/${requestId}/screenshot`);
  expect(img.status).toBe(200);
  expect(img.body.slice(1, 4)).toBe('PNG');
  const other = await as('qian');
  expect((await other.get(`/cases/${caseId}/change/${requestId}/screenshot`)).status).toBe(404);

  // The page's version is checked: an old one is refused, the current one approves and enqueues the submit.
  const checkerCsrf = await checker.csrf(`/cases/${caseId}`);
  const stale = await checker.post(`/cases/${caseId}/change/approve`, { _csrf: checkerCsrf, requestId: String(requestId), changeVersion: '1' });
  expect(stale.status).toBe(409);
  const approved = await checker.post(`/cases/${caseId}/change/approve`, { _csrf: checkerCsrf, requestId: String(requestId), changeVersion: '2' });
  expect(approved).toMatchObject({ status: 303, location: `/cases/${caseId}` });
  const after = await t.db.selectFrom('change_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
  expect([after.state, after.approved_by, after.version]).toEqual(['approved', 'li', 3]);
  expect(await queue.getJob(`change-${requestId}-submit`)).toBeDefined();
  expect((await checker.get(`/cases/${caseId}`)).body).toContain('已批准，待提交');
}, 120_000);


it('驳回 over HTTP: the checker sees the form, a rejection needs a comment, the clerk reads why and may prepare again', async () => {
  const caseId = await seedCase(t.owner, { field: 'name', branch: '001', registryValue: '甲乙丙有限责任公司' });
  await t.owner.updateTable('cases').set({ state: 'confirmed' }).where('id', '=', caseId).execute();
  const row = await t.owner
    .insertInto('change_requests')
    .values({ case_id: caseId, field: 'name', new_value: '甲乙丙有限责任公司', state: 'prepared', prepared_by: 'wang', version: 2 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const requestId = String(row.id);
  const clerk = await as('wang');
  const checker = await as('li');
  expect((await clerk.get(`/cases/${caseId}`)).body).not.toContain('id="change-reject"');
  expect((await checker.get(`/cases/${caseId}`)).body).toContain('id="change-reject"');

  const csrf = await checker.csrf(`/cases/${caseId}`);
  const bare = await checker.post(`/cases/${caseId}/change/reject`, { _csrf: csrf, requestId, changeVersion: '2', comment: '  ' });
  expect(bare.status).toBe(400);
  expect(bare.body).toContain('退回时请填写退回意见');
  const byClerk = await clerk.post(`/cases/${caseId}/change/reject`, { _csrf: await clerk.csrf(`/cases/${caseId}`), requestId, changeVersion: '2', comment: '经办不能驳回' });
  expect(byClerk.status).toBe(403);
  const done = await checker.post(`/cases/${caseId}/change/reject`, { _csrf: csrf, requestId, changeVersion: '2', comment: '名称与执照不符，请核对' });
  expect(done).toMatchObject({ status: 303, location: `/cases/${caseId}` });

  const clerkPage = (await clerk.get(`/cases/${caseId}`)).body;
  expect(clerkPage).toContain('已驳回（退回经办）');
  expect(clerkPage).toContain('名称与执照不符，请核对');
  expect(clerkPage).toContain('id="change-prepare"');
  expect(await queue.getJob(`change-${requestId}-submit`)).toBeUndefined();
}, 60_000);

it('Redis down at 准备: the request is saved, the page says it will be queued, the log says why', async () => {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger('warn', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  const down = { add: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')) } as unknown as Queue<ChangeJobData>;
  lostQueueServer = await serve(down, log);
  const caseId = await seedCase(t.owner, { field: 'address', branch: '001', registryValue: '南京市鼓楼区中山路1号' });
  await t.owner.updateTable('cases').set({ state: 'confirmed' }).where('id', '=', caseId).execute();
  const clerk = new WebClient(WebClient.of(lostQueueServer));
  await clerk.login('wang');
  const done = await clerk.post(`/cases/${caseId}/change/prepare`, { _csrf: await clerk.csrf(`/cases/${caseId}`) });
  expect(done).toMatchObject({ status: 303, location: `/cases/${caseId}?done=changeQueuedLater` });
  expect((await clerk.get(done.location!)).body).toContain('变更申请已保存，但暂时无法加入执行队列');
  const rows = await t.db.selectFrom('change_requests').select(['id', 'state']).where('case_id', '=', caseId).execute();
  expect(rows.map((r) => r.state)).toEqual(['preparing']);
  expect(lines).toEqual([expect.objectContaining({ caseId: Number(caseId), requestId: Number(rows[0]!.id), err: expect.stringContaining('ECONNREFUSED'), msg: expect.stringContaining('sweep will add it') })]);
}, 60_000);
