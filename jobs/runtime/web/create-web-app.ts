import express, { type ErrorRequestHandler, type Router } from 'express';
import type { Store } from 'express-session';
import type { Kysely } from 'kysely';
import { messageBody } from '../../../templates/web/message';
import { WEB_CSS } from '../../../templates/web/style';
import type { Database } from '../db';
import type { Logger } from '../logger';
import { authRoutes, sendLogin } from './auth-routes';
import { csrfProtection, isCsrfError, setSecureCookies } from './csrf';
import { currentUser } from './current-user';
import { hostCheck } from './host-check';
import type { LoginLimitOptions } from './login-limiter';
import { navFor, setNav, type NavItem } from './nav';
import { renderPage } from './render-page';
import { securityHeaders } from './security-headers';
import { sessions } from './sessions';
import { stillEnabled } from './still-enabled';
import type { Authenticate, WebUser } from './web-user';

/**
 * A part of the site: a router mounted at `path` (it checks roles itself with requireRole), and
 * its entries in the nav bar. The workbench's pages (jobs/review/web), the runs, users and
 * queues pages are all handed in this way.
 */
export interface WebPage {
  path: string;
  router: Router | express.Express;
  nav?: NavItem[];
}

export interface WebAppOptions {
  db: Kysely<Database>;
  authenticate: Authenticate;
  log: Logger;
  /** Where sessions live: the PostgreSQL store (pg-session-store.ts) outside unit-sized tests. */
  sessionStore: Store;
  /** Signs the session cookie; the same for every instance sharing the store (session-secret.ts). */
  sessionSecret: string;
  /** The address users type when a TLS reverse proxy is in front: its Host is accepted; https → cookies are Secure. */
  publicUrl?: URL;
  /** A session unused this long is gone (default 30 minutes). */
  idleMs?: number;
  /** A session ends this long after login, however active (default 8 hours). */
  maxAgeMs?: number;
  loginLimit?: LoginLimitOptions;
  /** In nav order: 我的待办, 待复核, 运行, 用户, 队列 (退出 is always last, on every page). */
  pages: WebPage[];
  /** Upper bound of a form's body (default 64 kB: a comment, never a file). */
  formLimit?: string;
}

/**
 * The web server's app: what every page needs, then the pages handed in.
 *
 * - Security headers (helmet: CSP without inline script, frame-ancestors 'none', nosniff) and a
 *   Host check against DNS rebinding on every answer; no answer is cached.
 * - Server-side sessions in PostgreSQL: cookie HttpOnly, SameSite=Strict, Secure behind TLS; the
 *   idle timeout renews on every request (rolling); logout deletes the session.
 * - CSRF (csrf-sync) on every POST / PUT / PATCH / DELETE: forms in `_csrf`, Bull Board's API
 *   calls in the X-XSRF-TOKEN header. A request without it gets 403 and changes nothing.
 * - Failed logins limited per address and per user name (express-rate-limit), each audited.
 */
export function createWebApp(opts: WebAppOptions): express.Express {
  const { log } = opts;
  const https = opts.publicUrl?.protocol === 'https:';
  const app = express();
  app.disable('x-powered-by');
  // Behind the TLS proxy: its X-Forwarded-Proto / -For give req.secure and the client's address.
  if (opts.publicUrl) app.set('trust proxy', 'loopback');
  setSecureCookies(app, https);
  const nav = opts.pages.flatMap((p) => p.nav ?? []);
  setNav(app, nav);
  // A role with no page here (a clerk on the dashboard) lands on the first page and is told why it may not.
  const home = (user: WebUser) => navFor(nav, user.role)[0]?.href ?? nav[0]?.href ?? '/logout';

  app.use(securityHeaders(https));
  app.use(hostCheck(opts.publicUrl));
  app.get('/assets/web.css', (_req, res) => void res.type('css').set('Cache-Control', 'max-age=3600').send(WEB_CSS));
  app.use((req, res, next) => {
    // Pages and answers are per user: no cache keeps them (Bull Board's static files may be cached).
    if (!req.path.includes('/static/')) res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(sessions({ store: opts.sessionStore, secret: opts.sessionSecret, idleMs: opts.idleMs ?? 30 * 60_000, secureCookies: https }));
  app.use(stillEnabled(opts.db));
  app.use(express.urlencoded({ extended: false, limit: opts.formLimit ?? '64kb' }));
  app.use(csrfProtection);

  app.use(authRoutes({ db: opts.db, authenticate: opts.authenticate, log, maxAgeMs: opts.maxAgeMs ?? 8 * 3_600_000, loginLimit: opts.loginLimit ?? {}, home }));
  for (const page of opts.pages) app.use(page.path, page.router);
  app.get('/', (req, res) => {
    const user = currentUser(req);
    res.redirect(303, user ? home(user) : '/login');
  });
  app.use((req, res) => {
    if (!currentUser(req)) return void res.redirect(303, '/login');
    renderPage(res, '页面不存在', messageBody({ kind: 'error', text: '没有这个页面。' }), 404);
  });

  const refuseForgery: ErrorRequestHandler = (err, req, res, next) => {
    if (!isCsrfError(err)) return next(err);
    log.warn({ method: req.method, path: req.path, ip: req.ip, user: currentUser(req)?.name }, 'request without a valid CSRF token refused');
    if (req.path === '/login') return void sendLogin(req, res, 403, '页面已过期，请重新登录');
    if (req.path.startsWith('/queues/api/') || req.path.includes('/api/')) return void res.status(403).json({ error: 'missing or invalid CSRF token' });
    renderPage(res, '页面已过期', messageBody({ kind: 'error', text: '表单已过期或来源不明（缺少 CSRF 令牌），未作任何更改。请重新打开页面再提交。' }), 403);
  };
  const failed: ErrorRequestHandler = (err, req, res, _next) => {
    log.error({ method: req.method, path: req.path, err: (err as Error).message }, 'web request failed');
    if (res.headersSent) return void res.end();
    renderPage(res, '出错了', messageBody({ kind: 'error', text: '服务器处理出错，未完成本次操作；请稍后再试或联系管理员。' }), 500);
  };
  app.use(refuseForgery, failed);
  return app;
}
