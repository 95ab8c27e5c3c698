import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStoreOf } from '../../../../jobs/runtime/run-store';
import { addUser, authenticateUser, disableUser } from '../../../../jobs/runtime/users';
import { runFileHref, runsPage, startWeb, usersPage, type RunningWeb, type StartWebOptions } from '../../../../jobs/runtime/web';
import { writeFinishedRun } from '../../../helpers/fake-run';
import { startTestDatabase, type TestDatabase } from '../../../helpers/test-database';
import { startTestRuntime, type TestRuntime } from '../../../helpers/test-runtime';
import { CookieJar } from './cookie-jar';

const PASSWORD = { admin: 'admin-pass-1234', clerk: 'clerk-pass-1234', viewer: 'viewer-pass-1234', gone: 'gone-pass-1234' };
const RUN = 'annual-review-check/2026-11-20/r1';
const SECRET_OUTSIDE = 'not-a-run-file-6b1f';

describe('opsbot web: login, sessions, CSRF, headers, roles, runs and users', { timeout: 180_000 }, () => {
  let rt: TestRuntime;
  let t: TestDatabase;
  let outside: string;
  const servers: RunningWeb[] = [];
  let web: RunningWeb;

  /** One more instance on the same database and var folder (so the same session key). */
  async function start(opts: Partial<StartWebOptions> = {}): Promise<RunningWeb> {
    const s = await startWeb({ ...rt.deps, db: t.db }, {
      authenticate: (name, password) => authenticateUser(t.db, name, password),
      pages: [runsPage(runStoreOf(rt.config)), usersPage(t.db)],
      ...opts,
    });
    servers.push(s);
    return s;
  }
  const jar = (s: RunningWeb = web) => new CookieJar(s.url);
  async function loggedIn(name: keyof typeof PASSWORD, s: RunningWeb = web): Promise<CookieJar> {
    const j = jar(s);
    expect((await j.login(name, PASSWORD[name])).status).toBe(303);
    return j;
  }
  const auditOf = (action: string) => t.db.selectFrom('audit').select(['actor', 'action', 'subject', 'after']).where('action', '=', action).orderBy('id').execute();

  beforeAll(async () => {
    outside = mkdtempSync(path.join(os.tmpdir(), 'opsbot-web-outside-'));
    writeFileSync(path.join(outside, 'secret.txt'), SECRET_OUTSIDE);
    rt = await startTestRuntime();
    t = await startTestDatabase();
    await addUser(t.db, { name: 'admin', role: 'admin', password: PASSWORD.admin }, 'test');
    await addUser(t.db, { name: 'clerk', role: 'clerk', branches: ['城西支行'], password: PASSWORD.clerk }, 'test');
    await addUser(t.db, { name: 'viewer', role: 'viewer', password: PASSWORD.viewer }, 'test');
    await addUser(t.db, { name: 'gone', role: 'clerk', password: PASSWORD.gone }, 'test');
    await disableUser(t.db, 'gone', 'test');
    const { runDir } = await writeFinishedRun(runStoreOf(rt.config), { job: 'annual-review-check', date: '2026-11-20', evidence: ['evidence/registry/page.png', 'evidence/registry/page.html'] });
    writeFileSync(path.join(runDir, 'evidence/registry/page.html'), '<html><body><script>alert(1)</script>登记页</body></html>');
    writeFileSync(path.join(runDir, 'report.pdf'), '%PDF-1.7 fake');
    symlinkSync(path.join(outside, 'secret.txt'), path.join(runDir, 'leak.txt'));
    web = await start();
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await t?.close();
    await rt?.stop();
    rmSync(outside, { recursive: true, force: true });
  });

  it('logs a user in with the right password only; a disabled user never; each try audited', async () => {
    const ok = jar();
    const res = await ok.login('admin', PASSWORD.admin);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/runs'); // an admin's first page here
    const runs = await ok.get('/runs');
    expect(runs.status).toBe(200);
    expect(await runs.text()).toContain('admin（管理员）');

    const wrong = await jar().login('clerk', 'wrong-password-1');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('用户名或密码错误');
    const disabled = jar();
    expect((await disabled.login('gone', PASSWORD.gone)).status).toBe(401);
    expect((await disabled.get('/runs')).status).toBe(303);

    expect(await auditOf('login')).toContainEqual(expect.objectContaining({ actor: 'admin', subject: 'user:admin' }));
    const failed = await auditOf('login.failed');
    expect(failed.map((r) => r.subject)).toEqual(expect.arrayContaining(['user:clerk', 'user:gone']));
    expect(JSON.stringify(failed)).not.toContain('wrong-password-1');
  });

  it('the session cookie is HttpOnly, SameSite=Strict, lives 30 minutes idle; Secure behind TLS', async () => {
    const j = jar();
    await j.login('viewer', PASSWORD.viewer);
    const session = j.lastSetCookie.find((c) => c.startsWith('opsbot_session='));
    expect(session).toBeDefined();
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Strict/i);
    expect(session).toMatch(/; Path=\//);
    expect(session).not.toMatch(/; Secure/i); // plain loopback HTTP
    const expires = Date.parse(/Expires=([^;]+)/i.exec(session!)![1]!);
    expect(expires - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(30 * 60_000 + 2_000);

    // Behind a TLS proxy (its Host, X-Forwarded-Proto: https from loopback): the cookie is Secure.
    const tls = await start({ publicUrl: 'https://ops.bank.example' });
    const res = await fetch(`${tls.url}/login`, { headers: { host: 'ops.bank.example', 'x-forwarded-proto': 'https' } });
    expect(res.status).toBe(200);
    const secure = res.headers.getSetCookie().find((c) => c.startsWith('opsbot_session='));
    expect(secure).toMatch(/; Secure/i);
    expect(res.headers.get('strict-transport-security')).toBeTruthy();
  });

  it('a session unused for the idle timeout is gone; each request renews it (rolling)', async () => {
    const short = await start({ idleMs: 2_000 });
    const j = await loggedIn('viewer', short);
    // The store keeps expiry in whole seconds (rounded up): without renewal the session would be
    // gone 3 s after login at the latest, so 4 requests 1 s apart show each one renews it.
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 1_000));
      expect((await j.get('/runs')).status, `request ${i + 1}, 1 s after the last`).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 4_000));
    const late = await j.get('/runs');
    expect(late.status).toBe(303);
    expect(late.headers.get('location')).toBe('/login');
  });

  it('a POST without the CSRF token (or with another session\'s) is refused with 403 and changes nothing', async () => {
    const admin = await loggedIn('admin');
    const bare = await admin.post('/users', { name: 'forged1', role: 'admin', branches: '' });
    expect(bare.status).toBe(403);
    const other = CookieJar.tokenIn(await (await jar().get('/login')).text());
    const foreign = await admin.post('/users', { name: 'forged2', role: 'admin', branches: '', _csrf: other });
    expect(foreign.status).toBe(403);
    expect(await t.db.selectFrom('users').select('name').where('name', 'in', ['forged1', 'forged2']).execute()).toEqual([]);
    const logout = await admin.post('/logout', {});
    expect(logout.status).toBe(403);
    expect((await admin.get('/runs')).status).toBe(200); // still logged in: the forged logout did nothing
  });

  it('the 6th failed login within the window is refused (429), even with the right password', async () => {
    const limited = await start({ loginLimit: { limit: 5, windowMs: 15 * 60_000 } });
    const j = jar(limited);
    for (let i = 1; i <= 5; i++) expect((await j.login('viewer', `wrong-${i}-password`)).status, `attempt ${i}`).toBe(401);
    const sixth = await j.login('viewer', 'wrong-6-password');
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await sixth.text()).toContain('登录失败次数过多');
    expect((await j.login('viewer', PASSWORD.viewer)).status).toBe(429);
  });

  it('with shared counters (the commands\' setting), failures on two instances add up: the 6th is refused on both', async () => {
    const a = await start({ shareLoginCounters: true });
    const b = await start({ shareLoginCounters: true });
    const [ja, jb] = [jar(a), jar(b)];
    for (let i = 1; i <= 5; i++) expect((await (i % 2 ? ja : jb).login('clerk', `wrong-${i}-password`)).status, `attempt ${i}`).toBe(401);
    expect((await ja.login('clerk', PASSWORD.clerk)).status).toBe(429);
    expect((await jb.login('clerk', PASSWORD.clerk)).status).toBe(429);
    // In Redis, under the coordination prefix, expiring with the window.
    const redis = new Redis(rt.deps.redis.connection);
    try {
      const keys = await redis.keys(`${rt.deps.redis.coordinationPrefix}:login-limit:*`);
      expect(keys.sort()).toEqual([`${rt.deps.redis.coordinationPrefix}:login-limit:address:127.0.0.1`, `${rt.deps.redis.coordinationPrefix}:login-limit:user:clerk`].sort());
      const ttl = await redis.pttl(keys[0]!);
      expect(ttl).toBeGreaterThan(14 * 60_000);
      expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    } finally {
      redis.disconnect();
    }
    // Not shared with an instance that keeps its own (memory) counters.
    expect((await jar(await start()).login('clerk', PASSWORD.clerk)).status).toBe(303);
  });

  it('sends CSP without inline script, frame-ancestors none, nosniff, and no X-Powered-By', async () => {
    const admin = await loggedIn('admin');
    const anonymous = jar();
    for (const p of ['/login', '/runs', '/users', '/queues', runFileHref(RUN, 'report.pdf')]) {
      const res = await (p === '/login' ? anonymous : admin).get(p);
      expect(res.status, p).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, p).toContain("frame-ancestors 'none'");
      expect(csp, p).toContain("script-src 'self'");
      expect(csp, p).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers.get('x-content-type-options'), p).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), p).toBe('DENY');
      expect(res.headers.get('x-powered-by'), p).toBeNull();
      const body = await res.text();
      // No inline script on any page (Bull Board's one inline element is JSON data, not a script).
      if (p !== runFileHref(RUN, 'report.pdf')) expect(body, p).not.toMatch(/<script(?![^>]*\b(src=|type="application\/json"))/i);
    }
  });

  it('a viewer or a clerk gets 403 on the admin pages, and a valid-token POST there changes nothing', async () => {
    for (const who of ['viewer', 'clerk'] as const) {
      const j = await loggedIn(who);
      for (const p of ['/users', '/queues']) expect((await j.get(p)).status, `${who} ${p}`).toBe(403);
      const token = CookieJar.tokenIn(await (await j.get('/runs')).text());
      const res = await j.post('/users', { name: `by-${who}`, role: 'admin', branches: '', _csrf: token });
      expect(res.status).toBe(403);
      expect(await j.post('/users/clerk/disable', { _csrf: token }).then((r) => r.status)).toBe(403);
      const nav = await (await j.get('/runs')).text();
      expect(nav).not.toContain('href="/users"');
      expect(nav).not.toContain('href="/queues"');
    }
    expect(await t.db.selectFrom('users').select('name').where('name', 'like', 'by-%').execute()).toEqual([]);
    expect(await t.db.selectFrom('users').select('disabled').where('name', '=', 'clerk').executeTakeFirstOrThrow()).toEqual({ disabled: false });
  });

  it('lists runs with their reports and serves run files with their own content type', async () => {
    const j = await loggedIn('viewer');
    const page = await (await j.get('/runs?job=annual-review-check')).text();
    expect(page).toContain('2026-11-20');
    expect(page).toContain('成功');
    expect(page).toContain(`href="${runFileHref(RUN, 'annual-review-check-2026-11-20.xlsx')}"`);

    const xlsx = await j.get(runFileHref(RUN, 'annual-review-check-2026-11-20.xlsx'));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toMatch(/^attachment/);
    const pdf = await j.get(runFileHref(RUN, 'report.pdf'));
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^inline/);
    expect(await pdf.text()).toBe('%PDF-1.7 fake');
    const png = await j.get(runFileHref(RUN, 'evidence/registry/page.png'));
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    // A kept portal page is shown but sandboxed: its script cannot run on the workbench's origin.
    const html = await j.get(runFileHref(RUN, 'evidence/registry/page.html'));
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    expect(html.headers.get('content-security-policy')).not.toContain('script-src');

    // Not logged in: no file.
    expect((await jar().get(runFileHref(RUN, 'report.pdf'))).status).toBe(303);
  });

  it('refuses every path that leaves the run folder: .., encoded slashes, a symlink out, another job name', async () => {
    const j = await loggedIn('admin');
    const tries = [
      `/runs/files/annual-review-check/2026-11-20/r1/%2e%2e/%2e%2e/%2e%2e/%2e%2e/${path.relative('/', outside)}/secret.txt`,
      `/runs/files/annual-review-check/2026-11-20/r1/..%2f..%2f..%2fetc%2fpasswd`,
      `/runs/files/annual-review-check/2026-11-20/r1/evidence%2f..%2f..%2fr1%2fmanifest.json`,
      '/runs/files/annual-review-check/2026-11-20/r1/leak.txt',
      '/runs/files/%2e%2e/2026-11-20/r1/report.pdf',
      '/runs/files/annual-review-check/..%2f..%2f/r1/report.pdf',
      '/runs/files/annual-review-check/2026-11-20/r1.staging/report.pdf',
      '/runs/files/annual-review-check/2026-11-20/r1/%00report.pdf',
    ];
    for (const p of tries) {
      const res = await j.get(p);
      expect(res.status, p).toBe(404);
      expect(await res.text(), p).not.toContain(SECRET_OUTSIDE);
    }
    expect((await j.get(runFileHref(RUN, 'manifest.json'))).status).toBe(200); // a real file of the run still is served
  });

  it('sessions live in the database: a login on one instance holds on another', async () => {
    const second = await start();
    const a = await loggedIn('clerk');
    const b = new CookieJar(second.url);
    for (const [k, v] of a.cookies) b.cookies.set(k, v);
    const res = await b.get('/runs');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('clerk（经办）');
    const rows = await t.db.selectFrom('sessions').select('sid').execute();
    expect(rows.length).toBeGreaterThan(0);
    // Logging out on the second ends it on the first too.
    const token = CookieJar.tokenIn(await (await b.get('/runs')).text());
    expect((await b.post('/logout', { _csrf: token })).status).toBe(303);
    expect((await a.get('/runs')).status).toBe(303);
    expect(await auditOf('logout')).toContainEqual(expect.objectContaining({ actor: 'clerk', subject: 'user:clerk' }));
  });

  it('an admin adds a user with a one-time password shown once, and disabling one ends their session', async () => {
    const admin = await loggedIn('admin');
    const token = CookieJar.tokenIn(await (await admin.get('/users')).text());
    const added = await admin.post('/users', { name: 'zhou', role: 'checker', branches: '城西支行，城东支行', _csrf: token });
    expect(added.status).toBe(200);
    const page = await added.text();
    const password = /id="one-time-password">([^<]+)</.exec(page)?.[1];
    expect(password).toMatch(/^\S{16}$/);
    expect(added.headers.get('cache-control')).toBe('no-store');
    expect(await (await admin.get('/users')).text()).not.toContain(password!); // shown once
    const bad = await admin.post('/users', { name: 'zhou', role: 'checker', branches: '', _csrf: token });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('exists already');

    const zhou = jar();
    expect((await zhou.login('zhou', password!)).status).toBe(303);
    expect((await zhou.get('/runs')).status).toBe(200);
    const disabled = await admin.post('/users/zhou/disable', { _csrf: token });
    expect(disabled.status).toBe(303);
    expect((await zhou.get('/runs')).status).toBe(303); // the session is gone at once
    expect((await jar().login('zhou', password!)).status).toBe(401);

    // Disabled outside the web (opsbot users disable): logged out at the next request too.
    await addUser(t.db, { name: 'qian', role: 'clerk', password: 'qian-pass-1234' }, 'test');
    const qian = jar();
    expect((await qian.login('qian', 'qian-pass-1234')).status).toBe(303);
    expect((await qian.get('/runs')).status).toBe(200);
    await disableUser(t.db, 'qian', 'cli-admin');
    expect((await qian.get('/runs')).status).toBe(303);
    expect((await auditOf('user.added')).map((r) => r.subject)).toContain('user:zhou');
    expect(await auditOf('user.disabled')).toContainEqual(expect.objectContaining({ actor: 'admin', subject: 'user:zhou' }));
    expect(JSON.stringify(await t.db.selectFrom('audit').select(['before', 'after']).execute())).not.toContain(password!);
  });
});
