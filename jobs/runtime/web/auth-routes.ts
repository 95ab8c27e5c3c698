import { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import { layoutHtml } from '../../../templates/web/layout';
import { loginBody, logoutBody } from '../../../templates/web/login-page';
import { recordAudit } from '../audit';
import type { Database } from '../db';
import type { Logger } from '../logger';
import { csrfToken, XSRF_COOKIE } from './csrf';
import { currentUser } from './current-user';
import { loginLimiters, loginName, type LoginLimitOptions } from './login-limiter';
import { renderPage } from './render-page';
import { sendSaved } from './send-saved';
import { endSession, SESSION_COOKIE, startSession } from './sessions';
import type { Authenticate, WebUser } from './web-user';

export interface AuthOptions {
  db: Kysely<Database>;
  authenticate: Authenticate;
  log: Logger;
  /** A session ends this long after login, however active. */
  maxAgeMs: number;
  loginLimit: LoginLimitOptions;
  /** Where a user lands after login (their first page). */
  home: (user: WebUser) => string;
}

/** The login page, alone (no nav: nobody is logged in). */
export function sendLogin(req: Request, res: Response, status = 200, message?: string): void {
  const page = layoutHtml({ title: '登录', nav: [], body: loginBody({ csrfToken: csrfToken(req, res), message, username: loginName(req) || undefined }), csrfToken: '' });
  sendSaved(res, () => void res.status(status).type('html').send(page));
}

/**
 * /login and /logout. Every login, failed login and logout is one audit row (`login`,
 * `login.failed`, `logout`, subject `user:<name>`), written before the answer: a login that
 * cannot be audited does not happen. Failed logins are limited per address and per user name.
 */
export function authRoutes(opts: AuthOptions): Router {
  const { db, authenticate, log } = opts;
  const router = Router();

  router.get('/login', (req, res) => {
    const user = currentUser(req);
    if (user) return void res.redirect(303, opts.home(user));
    sendLogin(req, res);
  });

  const tooMany = (req: Request, res: Response, retryAfterMs: number) => {
    const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
    log.warn({ user: loginName(req), ip: req.ip, retryAfterMinutes: minutes }, 'login refused: too many failed logins');
    sendLogin(req, res, 429, `登录失败次数过多，请 ${minutes} 分钟后再试`);
  };
  router.post('/login', ...loginLimiters(opts.loginLimit, tooMany), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const name = typeof body.username === 'string' ? body.username.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const user = name && password ? await authenticate(name, password) : undefined;
    if (!user) {
      log.warn({ user: loginName(req), ip: req.ip }, 'login failed');
      // The typed name, bounded: it is what an auditor needs to see a guessing attack.
      const typed = name.slice(0, 64) || '(none)';
      await recordAudit(db, { actor: typed, action: 'login.failed', subject: `user:${typed}`, after: { ip: req.ip ?? null } });
      return void sendLogin(req, res, 401, '用户名或密码错误，或该用户已停用');
    }
    await startSession(req, user, opts.maxAgeMs);
    csrfToken(req, res); // the new session's token in the XSRF-TOKEN cookie, for Bull Board's scripts
    await recordAudit(db, { actor: user.name, action: 'login', subject: `user:${user.name}`, after: { role: user.role, ip: req.ip ?? null } });
    log.info({ user: user.name, role: user.role, ip: req.ip }, 'login');
    sendSaved(res, () => res.redirect(303, opts.home(user)));
  });

  // Bull Board's 退出登录 link is a GET: it shows the logout button (logging out is a POST with the token).
  router.get('/logout', (req, res) => {
    const user = currentUser(req);
    if (!user) return void res.redirect(303, '/login');
    renderPage(res, '退出登录', logoutBody({ csrfToken: csrfToken(req, res), back: opts.home(user) }));
  });
  router.post('/logout', async (req, res) => {
    const user = req.session.user;
    await endSession(req);
    if (user) {
      await recordAudit(db, { actor: user.name, action: 'logout', subject: `user:${user.name}` });
      log.info({ user: user.name }, 'logout');
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.clearCookie(XSRF_COOKIE, { path: '/' });
    res.redirect(303, '/login');
  });
  return router;
}
