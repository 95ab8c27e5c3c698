import type { Server } from 'node:http';
import session from 'express-session';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_POLICY } from '../../../jobs/review/decisions';
import { REVIEW_NAV, reviewRouter } from '../../../jobs/review/web';
import type { Role } from '../../../jobs/runtime/db';
import { createLogger } from '../../../jobs/runtime/logger';
import { createWebApp, type WebUser } from '../../../jobs/runtime/web';
import { startTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { seedCase, seedUsers } from './seed-cases';
import { WebClient } from './web-client';

const USERS: { name: string; role: Role; branches: string[] }[] = [
  { name: 'wang', role: 'clerk', branches: ['001'] },
  { name: 'zhao', role: 'clerk', branches: ['001'] },
  { name: 'li', role: 'checker', branches: ['001'] },
  { name: 'zhou', role: 'viewer', branches: [] },
  { name: 'qian', role: 'clerk', branches: ['002'] },
];

let t: TestDatabase;
let server: Server;
let base: string;

beforeAll(async () => {
  t = await startTestDatabase();
  await seedUsers(t.db, USERS);
  const app = createWebApp({
    db: t.db,
    log: createLogger('silent'),
    authenticate: async (name, password) => {
      const u = USERS.find((x) => x.name === name);
      return u && password === 'pw-for-tests' ? ({ ...u } satisfies WebUser) : undefined;
    },
    sessionStore: new session.MemoryStore(),
    sessionSecret: 'a-test-secret-of-enough-length-0123456789',
    pages: [{ path: '/', router: reviewRouter({ db: t.db, policy: DEFAULT_REVIEW_POLICY }), nav: REVIEW_NAV }],
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = WebClient.of(server);
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

async function as(name: string): Promise<WebClient> {
  const client = new WebClient(base);
  await client.login(name);
  return client;
}
const versionOn = (body: string): string => /name="version" value="(\d+)"/.exec(body)?.[1] ?? 'missing';

describe('我的待办', () => {
  it('lists the clerk branches only, escaped, with filters', async () => {
    const mine = await seedCase(t.db, { branch: '001', severity: 'critical', bankValue: '<script>alert(1)</script>公司' });
    const theirs = await seedCase(t.db, { branch: '002' });
    const clerk = await as('wang');
    const page = await clerk.get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`href="/cases/${mine}"`);
    expect(page.body).not.toContain(`href="/cases/${theirs}"`);
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;公司');
    expect(page.body).not.toContain('<script>alert');
    const filtered = await clerk.get('/?severity=low');
    expect(filtered.body).not.toContain(`href="/cases/${mine}"`);
  });

  it('without a login the queue redirects to /login', async () => {
    const anon = new WebClient(base);
    const res = await anon.get('/');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/login');
  });
});

describe('案件 and decisions over HTTP', () => {
  it('a clerk proposes, the checker approves on 待复核; the clerk cannot approve their own', async () => {
    const id = await seedCase(t.db, { branch: '001', severity: 'high', bankValue: '甲有限公司', registryValue: '甲有限责任公司' });
    const clerk = await as('wang');
    const page = await clerk.get(`/cases/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<mark class="diff">责任</mark>');
    expect(page.body).toContain(`action="/cases/${id}/propose"`);
    expect(page.body).not.toContain(`action="/cases/${id}/answer"`);
    expect(page.body).toContain('<option value="通知客户办理变更，更新账户名称" selected>');
    const csrf = await clerk.csrf(`/cases/${id}`);
    const proposed = await clerk.post(`/cases/${id}/propose`, { _csrf: csrf, version: versionOn(page.body), kind: 'dismiss', reasonCode: '已核实一致', comment: '营业执照原件一致' });
    expect(proposed.status).toBe(303);
    expect(proposed.location).toBe(`/cases/${id}?done=proposed`);

    // The clerk is not a checker: the answer route refuses them (403), nothing changes.
    const own = await clerk.post(`/cases/${id}/answer`, { _csrf: csrf, version: '2', verdict: 'approve' });
    expect(own.status).toBe(403);

    const checker = await as('li');
    const queue = await checker.get('/review');
    expect(queue.status).toBe(200);
    expect(queue.body).toContain(`action="/cases/${id}/answer"`);
    const approved = await checker.post(`/cases/${id}/answer`, { _csrf: await checker.csrf('/review'), version: '2', verdict: 'approve', from: 'review' });
    expect(approved.status).toBe(303);
    expect(approved.location).toBe('/review?done=approved');
    const row = await t.db.selectFrom('cases').select(['state', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'dismissed', version: 3 });
    const audit = await t.db.selectFrom('audit').select(['actor', 'action']).where('subject', '=', `case:${id}`).orderBy('id').execute();
    expect(audit).toEqual([
      { actor: 'wang', action: 'case.proposed' },
      { actor: 'li', action: 'case.approved' },
    ]);
  });

  it('a viewer sees no action forms and a forged POST is refused (403), nothing changed', async () => {
    const id = await seedCase(t.db, { branch: '001' });
    const viewer = await as('zhou');
    const page = await viewer.get(`/cases/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('class="decision"');
    const forged = await viewer.post(`/cases/${id}/propose`, { _csrf: await viewer.csrf(`/cases/${id}`), version: '1', kind: 'confirm', action: '更正系统记录', comment: '伪造的请求' });
    expect(forged.status).toBe(403);
    const escalate = await viewer.post(`/cases/${id}/escalate`, { _csrf: await viewer.csrf(`/cases/${id}`), version: '1', comment: '伪造' });
    expect(escalate.status).toBe(403);
    expect((await t.db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version).toBe(1);
  });

  it('a POST without the CSRF token is refused', async () => {
    const id = await seedCase(t.db, { branch: '001' });
    const clerk = await as('wang');
    const res = await clerk.post(`/cases/${id}/propose`, { version: '1', kind: 'confirm', action: '更正系统记录', comment: '没有令牌' });
    expect(res.status).toBe(403);
    expect((await t.db.selectFrom('cases').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state).toBe('open');
  });

  it('bad input: the case again with the message and the typed comment, 400, nothing changed', async () => {
    const id = await seedCase(t.db, { branch: '001' });
    const clerk = await as('wang');
    const csrf = await clerk.csrf(`/cases/${id}`);
    const unknown = await clerk.post(`/cases/${id}/propose`, { _csrf: csrf, version: '1', kind: 'dismiss', reasonCode: '不想处理', comment: '这条不用管了' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('未知的忽略原因');
    expect(unknown.body).toContain('这条不用管了');
    const short = await clerk.post(`/cases/${id}/propose`, { _csrf: csrf, version: '1', kind: 'dismiss', reasonCode: '其他', comment: '不用' });
    expect(short.status).toBe(400);
    expect(short.body).toContain('至少 5 个字');
    expect(await t.db.selectFrom('decisions').select('id').where('case_id', '=', id).execute()).toEqual([]);
  });

  it('two clerks on the same page: the second gets 409 and the clear message; the first decision stands', async () => {
    const id = await seedCase(t.db, { branch: '001', severity: 'medium' });
    const a = await as('wang');
    const b = await as('zhao');
    const pageA = await a.get(`/cases/${id}`);
    const pageB = await b.get(`/cases/${id}`);
    const first = await a.post(`/cases/${id}/propose`, { _csrf: await a.csrf(`/cases/${id}`), version: versionOn(pageA.body), kind: 'confirm', action: '更正系统记录', comment: '已核对更正' });
    expect(first.status).toBe(303);
    const second = await b.post(`/cases/${id}/propose`, { _csrf: await b.csrf('/'), version: versionOn(pageB.body), kind: 'dismiss', reasonCode: '其他', comment: '我认为没问题' });
    expect(second.status).toBe(409);
    expect(second.body).toContain('已被他人修改');
    const row = await t.db.selectFrom('cases').select(['state', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'confirmed', version: 2 });
  });

  it('a rejection without a comment is refused (400); with one the case is open again and shows it', async () => {
    const id = await seedCase(t.db, { branch: '001', severity: 'critical' });
    const clerk = await as('wang');
    const page = await clerk.get(`/cases/${id}`);
    await clerk.post(`/cases/${id}/propose`, { _csrf: await clerk.csrf(`/cases/${id}`), version: versionOn(page.body), kind: 'confirm', action: '启动销户流程，对外支付止付', comment: '客户已注销' });
    const checker = await as('li');
    const onCase = await checker.get(`/cases/${id}`);
    expect(onCase.body).toContain(`action="/cases/${id}/answer"`);
    const csrf = await checker.csrf(`/cases/${id}`);
    const bare = await checker.post(`/cases/${id}/answer`, { _csrf: csrf, version: versionOn(onCase.body), verdict: 'reject', comment: '' });
    expect(bare.status).toBe(400);
    expect(bare.body).toContain('退回时请填写退回意见');
    const rejected = await checker.post(`/cases/${id}/answer`, { _csrf: csrf, version: versionOn(onCase.body), verdict: 'reject', comment: '请附注销证明' });
    expect(rejected.status).toBe(303);
    const back = await clerk.get(`/cases/${id}`);
    expect(back.body).toContain('请附注销证明');
    expect(back.body).toContain(`action="/cases/${id}/propose"`);
    expect((await t.db.selectFrom('cases').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state).toBe('open');
  });

  it('another branch case is 404 for a clerk; escalate marks it first in the queue', async () => {
    const id = await seedCase(t.db, { branch: '001', severity: 'low', dueOn: '2027-01-30' });
    const other = await as('qian');
    expect((await other.get(`/cases/${id}`)).status).toBe(404);
    const clerk = await as('wang');
    const page = await clerk.get(`/cases/${id}`);
    const res = await clerk.post(`/cases/${id}/escalate`, { _csrf: await clerk.csrf(`/cases/${id}`), version: versionOn(page.body), comment: '客户投诉，需优先' });
    expect(res.status).toBe(303);
    const queue = await clerk.get('/');
    const firstRow = /<tbody>\s*<tr[^>]*>\s*<td><a href="\/cases\/(\d+)"/.exec(queue.body);
    expect(firstRow?.[1]).toBe(String(id));
    expect(queue.body).toContain('已升级');
  });
});
