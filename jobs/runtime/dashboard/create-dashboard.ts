import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { Store } from 'express-session';
import type { Logger } from '../logger';
import { auditBoardChanges, record, type AuditSink } from './audit-trail';
import { csrfProtection, csrfToken, isCsrfError, XSRF_COOKIE } from './csrf';
import { hostCheck } from './host-check';
import { loginLimiters, loginName, type LoginLimitOptions } from './login-limiter';
import { loginPage, logoutPage } from './login-page';
import { securityHeaders } from './security-headers';
import { endSession, sessions, SESSION_COOKIE, startSession } from './sessions';
import type { DashboardUser, DashboardUsers, Role } from './users';

/** One Bull Board per role: admins get retry / remove / add, viewers the read-only board. */
const BOARDS: Record<Role, string> = { admin: '/board', viewer: '/view' };

export interface DashboardOptions {
  users: DashboardUsers;
  audit: AuditSink;
  log: Logger;
  /** The address users type when a TLS reverse proxy is in front (its Host is accepted, cookies are Secure). */
  publicUrl?: URL;
  /** A session unused this long is gone (default 30 minutes). */
  idleMs?: number;
  /** A session ends this long after login, however active (default 8 hours). */
  maxAgeMs?: number;
  /** Where sessions live (default: this process). */
  sessionStore?: Store;
  loginLimit?: LoginLimitOptions;
}

function board(queues: Queue[], basePath: string, readOnlyMode: boolean): express.Express {
  const adapter = new ExpressAdapter().setBasePath(basePath);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode, allowRetries: !readOnlyMode })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: readOnlyMode ? 'opsbot (只读)' : 'opsbot', miscLinks: [{ text: '退出登录', url: '/logout' }] } },
  });
  const app = adapter.getRouter() as express.Express;
  // Bull Board's own express app would put X-Powered-By back on every board answer.
  app.disable('x-powered-by');
  return app;
}

/**
 * The dashboard app: a login page, then Bull Board for the opsbot queues.
 *
 * - Security headers (helmet), and a Host check against DNS rebinding, on every answer.
 * - Server-side sessions (express-session): logout and the idle timeout revoke them.
 * - CSRF (csrf-sync) on every POST / PUT / PATCH / DELETE: the forms' hidden field, the board's
 *   API calls through its X-XSRF-TOKEN header.
 * - Failed logins limited per address and per user name (express-rate-limit), each logged and audited.
 * - Without a valid session every board URL (pages and API) is refused; a viewer reaching the admin
 *   board gets 403, and every changing call on the read-only board is refused with 403.
 * - Every change made through the admin board is audited.
 */
export function createDashboard(queues: Queue[], opts: DashboardOptions): express.Express {
  const { users, audit, log } = opts;
  const https = opts.publicUrl?.protocol === 'https:';
  const maxAgeMs = opts.maxAgeMs ?? 8 * 3_600_000;
  const app = express();
  app.disable('x-powered-by');
  // Behind the TLS proxy: its X-Forwarded-Proto / -For give req.secure and the client's address.
  if (opts.publicUrl) app.set('trust proxy', 'loopback');

  app.use(securityHeaders(https));
  app.use(hostCheck(opts.publicUrl));
  app.use((req, res, next) => {
    // Pages and answers are per user: no cache keeps them (Bull Board's static files may be cached).
    if (!req.path.includes('/static/')) res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(sessions({ store: opts.sessionStore, idleMs: opts.idleMs ?? 30 * 60_000, secureCookies: https }));
  app.use(express.urlencoded({ extended: false, limit: '4kb' }));
  app.use(csrfProtection);

  const token = (req: Request, res: Response) => csrfToken(req, res, https);
  const userOf = (req: Request): DashboardUser | undefined => {
    const { user, loggedInAt } = req.session;
    return user && Date.now() - (loggedInAt ?? 0) < maxAgeMs ? user : undefined;
  };

  app.get('/login', (req, res) => void res.type('html').send(loginPage(token(req, res))));

  const tooMany = (req: Request, res: Response, retryAfterMs: number) => {
    const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
    log.warn({ user: loginName(req), ip: req.ip, retryAfterMinutes: minutes }, 'dashboard login refused: too many failed logins');
    res.status(429).type('html').send(loginPage(token(req, res), `登录失败次数过多，请 ${minutes} 分钟后再试`));
  };
  app.post('/login', ...loginLimiters(opts.loginLimit ?? {}, tooMany), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const user = await users.authenticate(body.username, body.password);
    if (!user) {
      const name = loginName(req);
      log.warn({ user: name, ip: req.ip }, 'dashboard login failed');
      record(audit, log, { who: `dashboard:${name || '(none)'}`, action: 'dashboard login failed', subject: name, before: null, after: { ip: req.ip } });
      return void res.status(401).type('html').send(loginPage(token(req, res), '用户名或密码错误'));
    }
    await startSession(req, user);
    token(req, res); // the new session's token, for the board's scripts
    log.info({ user: user.name, role: user.role, ip: req.ip }, 'dashboard login');
    record(audit, log, { who: `dashboard:${user.name}`, action: 'dashboard login', subject: user.name, before: null, after: { role: user.role, ip: req.ip } });
    res.redirect(303, BOARDS[user.role]);
  });

  app.get('/logout', (req, res) => {
    const user = userOf(req);
    if (!user) return void res.redirect(303, '/login');
    res.type('html').send(logoutPage(token(req, res), user.name, BOARDS[user.role]));
  });
  app.post('/logout', async (req, res) => {
    const user = req.session.user;
    await endSession(req);
    if (user) {
      log.info({ user: user.name }, 'dashboard logout');
      record(audit, log, { who: `dashboard:${user.name}`, action: 'dashboard logout', subject: user.name, before: null, after: null });
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.clearCookie(XSRF_COOKIE, { path: '/' });
    res.redirect(303, '/login');
  });

  const requireRole = (allowed: Role[]): RequestHandler => (req, res, next) => {
    const user = userOf(req);
    const api = req.path.startsWith('/api/');
    if (!user) return api ? void res.status(401).json({ error: 'login required' }) : void res.redirect(303, '/login');
    if (!allowed.includes(user.role)) return void res.status(403).type('text').send(`forbidden: the ${user.role} login may use ${BOARDS[user.role]} only`);
    // The board's page hands its scripts the token they send back on every change.
    if (req.method === 'GET' && !api && !req.path.includes('/static/')) token(req, res);
    next();
  };
  const readOnly: RequestHandler = (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    log.warn({ user: req.session.user?.name, method: req.method, path: req.path }, 'dashboard: change refused on the read-only board');
    res.status(403).json({ error: 'read-only board: this login cannot change queues' });
  };
  app.use(BOARDS.admin, requireRole(['admin']), auditBoardChanges(audit, log), board(queues, BOARDS.admin, false));
  app.use(BOARDS.viewer, requireRole(['admin', 'viewer']), readOnly, board(queues, BOARDS.viewer, true));
  app.get('/', (req, res) => {
    const user = userOf(req);
    res.redirect(303, user ? BOARDS[user.role] : '/login');
  });

  const refuseForgery: ErrorRequestHandler = (err, req, res, next) => {
    if (!isCsrfError(err)) return next(err);
    log.warn({ method: req.method, path: req.path, ip: req.ip }, 'dashboard: request without a valid CSRF token refused');
    if (req.path === '/login' || req.path === '/logout') return void res.status(403).type('html').send(loginPage(token(req, res), '页面已过期，请重新登录'));
    res.status(403).json({ error: 'missing or invalid CSRF token' });
  };
  app.use(refuseForgery);
  return app;
}
