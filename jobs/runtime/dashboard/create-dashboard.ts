import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import express, { type NextFunction, type Request, type Response } from 'express';
import { authenticate, dashboardAccounts } from './credentials';
import { loginPage } from './login-page';
import { SessionTokens, type Role } from './session-token';
import type { Config } from '../config';

const COOKIE = 'opsbot_dashboard';

/** One Bull Board per role: admins get retry / remove / promote, viewers the read-only board. */
const BOARDS: Record<Role, string> = { admin: '/board', viewer: '/view' };

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function board(queues: Queue[], basePath: string, readOnlyMode: boolean): express.Router {
  const adapter = new ExpressAdapter().setBasePath(basePath);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode, allowRetries: !readOnlyMode })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: readOnlyMode ? 'opsbot (只读)' : 'opsbot' } },
  });
  return adapter.getRouter() as express.Router;
}

/**
 * The dashboard app: a login page, then Bull Board for the opsbot queues. Without a valid session
 * every board URL (pages and API) is refused; a viewer reaching the admin board gets 403; the viewer
 * board is Bull Board's read-only mode, whose API also refuses changes.
 */
export function createDashboard(cfg: Config, queues: Queue[]): express.Express {
  const accounts = dashboardAccounts(cfg);
  const tokens = new SessionTokens();
  const app = express();
  app.disable('x-powered-by');
  const roleOf = (req: Request) => tokens.verify(cookieOf(req, COOKIE));

  app.get('/login', (_req, res) => void res.type('html').send(loginPage()));
  app.post('/login', express.urlencoded({ extended: false, limit: '4kb' }), (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const role = authenticate(accounts, body.username, body.password);
    if (!role) return void res.status(401).type('html').send(loginPage('用户名或密码错误'));
    res.setHeader('Set-Cookie', `${COOKIE}=${tokens.issue(role)}; HttpOnly; SameSite=Strict; Path=/`);
    res.redirect(303, BOARDS[role]);
  });
  app.post('/logout', (_req, res) => {
    res.setHeader('Set-Cookie', `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
    res.redirect(303, '/login');
  });

  const requireRole = (allowed: Role[]) => (req: Request, res: Response, next: NextFunction) => {
    const role = roleOf(req);
    if (!role) return req.path.includes('/api/') ? void res.status(401).json({ error: 'login required' }) : void res.redirect(303, '/login');
    if (!allowed.includes(role)) return void res.status(403).type('text').send(`forbidden: the ${role} login may use ${BOARDS[role]} only`);
    next();
  };
  app.use(BOARDS.admin, requireRole(['admin']), board(queues, BOARDS.admin, false));
  app.use(BOARDS.viewer, requireRole(['admin', 'viewer']), board(queues, BOARDS.viewer, true));
  app.get('/', (req, res) => {
    const role = roleOf(req);
    res.redirect(303, role ? BOARDS[role] : '/login');
  });
  return app;
}
