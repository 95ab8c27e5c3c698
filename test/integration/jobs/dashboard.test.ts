import { spawnSync } from 'node:child_process';
import { mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Queue, Worker } from 'bullmq';
import { request, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../../bots/sdk/browser';
import { startDashboard, type RunningDashboard } from '../../../jobs/runtime/dashboard';
import { addUser, authenticateUser } from '../../../jobs/runtime/users';
import { createLogger } from '../../../jobs/runtime/logger';
import { QUEUES } from '../../../jobs/runtime/queues';
import { REPO, startCli, waitUntil } from '../../helpers/cli-process';
import { startTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { startTestRuntime, type TestRuntime } from '../../helpers/test-runtime';
import { WebClient } from '../review/web-client';

const ADMIN = { user: 'admin', password: 'admin-pass-1234' };
const VIEWER = { user: 'viewer', password: 'viewer-pass-1234' };
const DONE = 'daily-ops-report/2026-02-13/r1/deliver';
const FAILED = 'daily-ops-report/2026-02-12/r1/deliver';
const TO_REMOVE = 'daily-ops-report/2026-02-11/r1/deliver';

/** Log lines of a dashboard, through the product's own logger (with its redaction). */
function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

describe('dashboard: Bull Board behind a login, in a real browser', { timeout: 120_000 }, () => {
  let rt: TestRuntime;
  let t: TestDatabase;
  let dash: RunningDashboard;
  let browser: Browser;
  let deliver: Queue;
  const contexts: APIRequestContext[] = [];
  const auditEntries = () => t.db.selectFrom('audit').select(['actor', 'action', 'subject', 'after']).orderBy('id').execute();
  const authenticate = (name: string, password: string) => authenticateUser(t.db, name, password);

  beforeAll(async () => {
    rt = await startTestRuntime();
    // The dashboard's users are the database's, as for opsbot web.
    t = await startTestDatabase();
    await addUser(t.db, { name: ADMIN.user, role: 'admin', password: ADMIN.password }, 'test');
    await addUser(t.db, { name: VIEWER.user, role: 'viewer', password: VIEWER.password }, 'test');
    // One finished and two failed jobs in the deliver queue, through a real BullMQ worker.
    const { connection, prefix } = rt.deps.redis;
    deliver = new Queue(QUEUES.deliver, { connection, prefix });
    const worker = new Worker(QUEUES.deliver, async (job) => {
      if (job.data.fail) throw new Error('smtp refused');
      return { delivered: true };
    }, { connection, prefix });
    await deliver.add('deliver', { runId: 'daily-ops-report/2026-02-13/r1' }, { jobId: DONE });
    await deliver.add('deliver', { runId: 'daily-ops-report/2026-02-12/r1', fail: true }, { jobId: FAILED });
    await deliver.add('deliver', { runId: 'daily-ops-report/2026-02-11/r1', fail: true }, { jobId: TO_REMOVE });
    for (let i = 0; i < 100 && ((await deliver.getCompletedCount()) < 1 || (await deliver.getFailedCount()) < 2); i++) await new Promise((r) => setTimeout(r, 100));
    await worker.close();
    dash = await startDashboard({ ...rt.deps, db: t.db }, { authenticate });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.dispose();
    await browser?.close();
    await dash?.close();
    await deliver?.close();
    await t?.close();
    await rt.stop();
  });

  async function login(user: string, password: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${dash.url}/queues`);
    await page.fill('input[name=username]', user);
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    return page;
  }

  /** An HTTP client with its own cookie jar (Playwright's), that never follows redirects. */
  async function client(url = dash.url): Promise<APIRequestContext> {
    const c = await request.newContext({ baseURL: url, maxRedirects: 0 });
    contexts.push(c);
    return c;
  }
  /** The session's CSRF token, as the board's scripts read it (the XSRF-TOKEN cookie). */
  async function csrfOf(c: APIRequestContext): Promise<string> {
    const cookie = (await c.storageState()).cookies.find((k) => k.name === 'XSRF-TOKEN');
    if (!cookie) throw new Error('no XSRF-TOKEN cookie');
    return cookie.value;
  }
  /** Logs a client in through the form, with the token a browser would post. */
  async function loggedIn(who: { user: string; password: string }, url = dash.url): Promise<APIRequestContext> {
    const c = await client(url);
    await c.get('/login');
    const res = await c.post('/login', { form: { username: who.user, password: who.password, _csrf: await csrfOf(c) } });
    expect(res.status()).toBe(303);
    return c;
  }

  it('refuses a missing session and a wrong password', async () => {
    const res = await fetch(`${dash.url}/queues/api/queues`, { redirect: 'manual' });
    expect(res.status).toBe(401);
    const page = await login(ADMIN.user, 'wrong-password');
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('用户名或密码错误');
    await page.context().close();
  });

  it('a login POST without the CSRF token is refused (403), even with the right password', async () => {
    const bare = await client();
    const res = await bare.post('/login', { form: { username: ADMIN.user, password: ADMIN.password } });
    expect(res.status()).toBe(403);
    expect((await bare.get('/queues')).status()).toBe(303); // not logged in: back to the login page
    // A session of its own and a token, but not this session's: refused too.
    const other = await client();
    await other.get('/login');
    const forged = await other.post('/login', { form: { username: ADMIN.user, password: ADMIN.password, _csrf: 'a'.repeat(64) } });
    expect(forged.status()).toBe(403);
    expect((await other.get('/queues')).status()).toBe(303);
  });

  it('sends CSP (no inline script, no framing), nosniff and frame protection, and never X-Powered-By', async () => {
    const admin = await loggedIn(ADMIN);
    for (const path of ['/login', '/queues', '/queues/queue/deliver', '/queues/api/queues']) {
      const res = await admin.get(path);
      expect(res.status(), path).toBeLessThan(400);
      const h = res.headers();
      expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(h['content-security-policy'], path).toContain("script-src 'self'");
      expect(h['content-security-policy'], path).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(h['x-content-type-options'], path).toBe('nosniff');
      expect(h['x-frame-options'], path).toBe('DENY');
      expect(h['x-powered-by'], path).toBeUndefined();
    }
    // The board still works under that policy in a real browser: no script is refused.
    const page = await login(ADMIN.user, ADMIN.password);
    const refused: string[] = [];
    page.on('console', (m) => void (/Content Security Policy/.test(m.text()) && /script/i.test(m.text()) && refused.push(m.text())));
    await page.waitForURL(/\/queues/);
    await page.getByText('deliver', { exact: true }).first().waitFor();
    expect(refused).toEqual([]);
    await page.context().close();
  });

  it('a request for another Host is refused (421); the loopback names are served', async () => {
    const port = new URL(dash.url).port;
    const status = (host: string) => new Promise<number>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port, path: '/login', headers: { host } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      }).on('error', reject).end();
    });
    await expect(status(`attacker.example:${port}`)).resolves.toBe(421);
    await expect(status('127.0.0.1')).resolves.toBe(421); // right name, wrong port
    await expect(status(`localhost:${port}`)).resolves.toBe(200);
    await expect(status(`127.0.0.1:${port}`)).resolves.toBe(200);
  });

  it('an admin sees the opsbot queues, the finished job, a retry button on the failed one, and a logout link', async () => {
    const page = await login(ADMIN.user, ADMIN.password);
    await page.waitForURL(/\/queues/);
    for (const q of ['triggers', 'bots', 'reports', 'deliver']) await page.getByText(q, { exact: true }).first().waitFor();
    await page.goto(`${dash.url}/queues/queue/deliver?status=completed`);
    await page.getByText(DONE).first().waitFor();
    await page.goto(`${dash.url}/queues/queue/deliver?status=failed`);
    await page.getByText(FAILED).first().waitFor();
    await expect(page.getByRole('button', { name: /retry/i }).count()).resolves.toBeGreaterThan(0);
    // 退出登录 sits in the menu of Bull Board's header (its miscLinks).
    await page.locator('header button').last().click();
    await expect(page.getByRole('menuitem', { name: '退出登录' }).getAttribute('href')).resolves.toBe('/logout');
    await page.context().close();
  });

  it("an admin's retry (clicked on the board), remove and add are audited; a change without the token is refused", async () => {
    const page = await login(ADMIN.user, ADMIN.password);
    await page.waitForURL(/\/queues/);
    await page.goto(`${dash.url}/queues/queue/deliver?status=failed`);
    // Bull Board's own button: its axios sends the XSRF-TOKEN cookie back as X-XSRF-TOKEN.
    await page.getByRole('button', { name: 'Retry all' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(async () => (await deliver.getJob(FAILED))?.getState(), { timeout: 10_000 }).toBe('waiting');

    const admin = await loggedIn(ADMIN);
    const headers = { 'x-xsrf-token': await csrfOf(admin) };
    const noToken = await admin.put(`/queues/api/queues/deliver/${encodeURIComponent(TO_REMOVE)}/clean`);
    expect(noToken.status()).toBe(403);
    expect(await deliver.getJob(TO_REMOVE)).toBeDefined();
    const removed = await admin.put(`/queues/api/queues/deliver/${encodeURIComponent(TO_REMOVE)}/clean`, { headers });
    expect(removed.status()).toBe(204);
    expect(await deliver.getJob(TO_REMOVE)).toBeUndefined();
    const added = await admin.post('/queues/api/queues/deliver/add', { headers, data: { name: 'deliver', data: { runId: 'daily-ops-report/2026-02-10/r1' }, options: {} } });
    expect(added.status()).toBe(200);

    await expect.poll(async () => (await auditEntries()).filter((e) => String(e.action).startsWith('dashboard ') && !String(e.action).includes('login')).length, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    const entries = await auditEntries();
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'admin', action: 'dashboard retry all failed', subject: 'queue:deliver', after: expect.objectContaining({ status: 200 }) }));
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'admin', action: 'dashboard remove job', subject: `queue:deliver/${TO_REMOVE}`, after: { status: 204 } }));
    expect(entries).toContainEqual(expect.objectContaining({
      actor: 'admin', action: 'dashboard add job', subject: 'queue:deliver',
      after: { status: 200, request: { name: 'deliver', data: { runId: 'daily-ops-report/2026-02-10/r1' }, options: {} } },
    }));
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'admin', action: 'login', subject: 'user:admin' }));
    await page.context().close();
  });

  it('a viewer (any role but admin) gets 403 on the board and on every changing endpoint', async () => {
    const page = await login(VIEWER.user, VIEWER.password);
    await page.waitForURL(/\/queues/);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('无权访问');
    await expect(page.getByRole('button', { name: /retry/i }).count()).resolves.toBe(0);
    const board = await page.goto(`${dash.url}/queues/queue/deliver?status=completed`);
    expect(board!.status()).toBe(403);
    await page.context().close();

    // With a valid session and token, so that what refuses is the role, not CSRF.
    const viewer = await loggedIn(VIEWER);
    const headers = { 'x-xsrf-token': await csrfOf(viewer) };
    const job = encodeURIComponent(DONE);
    const changes: [string, string][] = [
      ['PUT', '/queues/api/queues/pause'], ['PUT', '/queues/api/queues/resume'], ['POST', '/queues/api/queues/deliver/add'],
      ['PUT', '/queues/api/queues/deliver/retry/failed'], ['PUT', '/queues/api/queues/deliver/clean/completed'], ['PUT', '/queues/api/queues/deliver/promote'],
      ['PUT', '/queues/api/queues/deliver/pause'], ['PUT', '/queues/api/queues/deliver/resume'], ['PUT', '/queues/api/queues/deliver/empty'],
      ['PUT', '/queues/api/queues/deliver/obliterate'], ['PUT', '/queues/api/queues/deliver/concurrency'],
      ['PUT', `/queues/api/queues/deliver/${job}/retry`], ['PUT', `/queues/api/queues/deliver/${job}/clean`], ['PUT', `/queues/api/queues/deliver/${job}/promote`],
      ['PATCH', `/queues/api/queues/deliver/${job}/update-data`],
    ];
    for (const [method, path] of changes) {
      const res = await viewer.fetch(path, { method, headers, data: {} });
      expect(res.status(), `${method} ${path}`).toBe(403);
    }
    expect(await deliver.isPaused()).toBe(false);
    expect(await deliver.getJob(DONE)).toBeDefined();
    expect((await viewer.get('/queues/api/queues')).status()).toBe(403); // not even reading: the board is for admins
  });

  it('logout revokes the session: the old cookie no longer reaches the board', async () => {
    const admin = await loggedIn(ADMIN);
    expect((await admin.get('/queues/api/queues')).status()).toBe(200);
    const before = await admin.storageState();
    expect((await admin.get('/logout')).status()).toBe(200); // the board's link: a page with a POST form
    const out = await admin.post('/logout', { form: { _csrf: await csrfOf(admin) } });
    expect(out.status()).toBe(303);
    expect(out.headers().location).toBe('/login');

    // Someone who kept the cookie from before the logout (a copied cookie, a shared machine).
    const replay = await request.newContext({ baseURL: dash.url, maxRedirects: 0, storageState: before });
    contexts.push(replay);
    const page = await replay.get('/queues');
    expect(page.status()).toBe(303);
    expect(page.headers().location).toBe('/login');
    expect((await replay.get('/queues/api/queues')).status()).toBe(401);
    expect(await auditEntries()).toContainEqual(expect.objectContaining({ actor: 'admin', action: 'logout', subject: 'user:admin' }));
  });

  it('in the browser: 退出登录 on the board leads to the login page, and back to the board needs a login', async () => {
    const page = await login(ADMIN.user, ADMIN.password);
    await page.waitForURL(/\/queues/);
    await page.goto(`${dash.url}/logout`);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${dash.url}/queues`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.context().close();
  });

  it('after 5 failed logins: 429 for that address, even with the right password, each failure logged and audited', async () => {
    const { logger, lines } = capturedLog();
    // An instance of its own: the address's counter must not lock out the other tests.
    const limited = await startDashboard({ ...rt.deps, db: t.db, log: logger }, { authenticate });
    try {
      const c = await client(limited.url);
      await c.get('/login');
      const form = async (password: string) => c.post('/login', { form: { username: ADMIN.user, password, _csrf: await csrfOf(c) } });
      for (let i = 1; i <= 5; i++) expect((await form(`wrong-${i}-password`)).status(), `attempt ${i}`).toBe(401);
      const sixth = await form('wrong-6-password');
      expect(sixth.status()).toBe(429);
      expect(Number(sixth.headers()['retry-after'])).toBeGreaterThan(0);
      expect(await sixth.text()).toContain('登录失败次数过多');
      expect((await form(ADMIN.password)).status()).toBe(429); // locked: the right password does not help
      expect((await c.get('/queues')).status()).toBe(303);

      const failed = lines.filter((l) => l.msg === 'login failed');
      expect(failed).toHaveLength(5);
      expect(failed[0]).toMatchObject({ user: 'admin', component: 'dashboard' });
      expect(lines.filter((l) => l.msg === 'login refused: too many failed logins')).toHaveLength(2);
      expect(JSON.stringify(lines)).not.toContain('wrong-1-password');
      expect(JSON.stringify(lines)).not.toContain(ADMIN.password);
      const audited = (await auditEntries()).filter((e) => e.action === 'login.failed');
      expect(audited.length).toBeGreaterThanOrEqual(5);
      expect(JSON.stringify(audited)).not.toContain('wrong-');
    } finally {
      await limited.close();
    }
  });
});

/** redis-server processes working in `dir` (a private Redis runs with its data folder as cwd). */
function redisServersIn(dir: string): number[] {
  const pids = spawnSync('pgrep', ['-x', 'redis-server'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
  return pids.filter((pid) => {
    try {
      return readlinkSync(`/proc/${pid}/cwd`).startsWith(dir);
    } catch {
      return false; // gone meanwhile
    }
  });
}

describe('opsbot dashboard, the command', { timeout: 120_000 }, () => {
  const dirs: string[] = [];
  let t: TestDatabase;
  beforeAll(async () => {
    t = await startTestDatabase();
  });
  const varDir = () => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'opsbot-dash-cli-'));
    dirs.push(d);
    return d;
  };
  afterAll(async () => {
    await t?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  /** The exit code, or 'still running' after `ms` (the old behaviour: hanging, holding its Redis). */
  const exitWithin = (cli: ReturnType<typeof startCli>, ms: number) =>
    Promise.race([cli.exited, new Promise<string>((r) => setTimeout(() => r('still running'), ms))]);

  it('a port in use: exits 1 within seconds, naming the port, and leaves no redis-server behind', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const { port } = blocker.address() as AddressInfo;
    const dir = varDir();
    try {
      const cli = startCli(['dashboard', '--port', String(port)], { OPSBOT_VAR_DIR: dir, REDIS_URL: '', DATABASE_URL: t.databaseUrl });
      const code = await exitWithin(cli, 30_000);
      if (code === 'still running') cli.child.kill('SIGKILL');
      expect(code, cli.output()).toBe(1);
      expect(cli.output()).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(await waitUntil(() => redisServersIn(dir).length === 0, 3_000)).toBe(true);
    } finally {
      blocker.close();
    }
  });

  it('no user added yet: it never runs open — every page needs a login, and nobody can log in; an admin added then sees every queue, the write-back\'s `changes` too', async () => {
    const dir = varDir();
    const cli = startCli(['dashboard'], { OPSBOT_VAR_DIR: dir, REDIS_URL: '', DATABASE_URL: t.databaseUrl });
    try {
      const [, url] = await cli.waitFor(/dashboard on (http:\/\/\S+)\/login/, 60_000);
      const board = await fetch(`${url}/queues`, { redirect: 'manual' });
      expect(board.status).toBe(303);
      expect(board.headers.get('location')).toBe('/login');
      expect((await fetch(`${url}/queues/api/queues`, { redirect: 'manual' })).status).toBe(401);
      // The command composes the board: the runtime's queues and the case ledger's `changes`.
      await addUser(t.db, { name: ADMIN.user, role: 'admin', password: ADMIN.password }, 'test');
      const admin = new WebClient(url!);
      await admin.login(ADMIN.user, ADMIN.password);
      const api = await admin.get('/queues/api/queues');
      expect(api.status).toBe(200);
      const names = (JSON.parse(api.body) as { queues: { name: string }[] }).queues.map((q) => q.name);
      expect(names.sort()).toEqual(['bots', 'changes', 'deliver', 'reports', 'triggers']);
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
    expect(await waitUntil(() => redisServersIn(dir).length === 0, 5_000)).toBe(true);
  });

  it('--help says where the users come from and names the session settings', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts/cli/main.ts'), 'dashboard', '--help'], { cwd: REPO, encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const name of ['opsbot users add', '--role admin', 'OPSBOT_WEB_IDLE_MINUTES', 'OPSBOT_WEB_MAX_SESSION_HOURS', '--public-url']) {
      expect(r.stdout).toContain(name);
    }
  });
});
