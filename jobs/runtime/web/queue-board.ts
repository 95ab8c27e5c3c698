import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import express, { type RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db';
import type { Logger } from '../logger';
import { csrfToken } from './csrf';
import { currentUser } from './current-user';
import type { WebPage } from './create-web-app';
import { auditBoardChanges } from './queue-audit';
import { requireRole } from './require-role';

/** Where the queues live in both servers. */
export const QUEUES_PATH = '/queues';

function board(queues: Queue[], basePath: string): express.Express {
  const adapter = new ExpressAdapter().setBasePath(basePath);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false, allowRetries: true })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'opsbot 队列', miscLinks: [{ text: '返回工作台', url: '/' }, { text: '退出登录', url: '/logout' }] } },
  });
  const app = adapter.getRouter() as express.Express;
  // Bull Board's own express app would put X-Powered-By back on every board answer.
  app.disable('x-powered-by');
  return app;
}

/**
 * 队列: Bull Board for admins, behind the same login, sessions and CSRF as every page. Bull
 * Board's scripts send the CSRF token from the XSRF-TOKEN cookie in a header, which its page
 * request sets here. Every change made on the board is one audit row.
 */
export function queueBoardPage(queues: Queue[], deps: { db: Kysely<Database>; log: Logger }): WebPage {
  const api401: RequestHandler = (req, res, next) => {
    // The board's API answers JSON: no redirect to a login page its scripts cannot show.
    if (req.path.startsWith('/api/') && !currentUser(req)) return void res.status(401).json({ error: 'login required' });
    next();
  };
  const handToken: RequestHandler = (req, res, next) => {
    if (req.method === 'GET' && !req.path.startsWith('/api/') && !req.path.includes('/static/')) csrfToken(req, res);
    next();
  };
  const router = express.Router();
  router.use(api401, requireRole('admin'), handToken, auditBoardChanges(deps.db, deps.log), board(queues, QUEUES_PATH));
  return { path: QUEUES_PATH, router, nav: [{ label: '队列', href: QUEUES_PATH, roles: ['admin'] }] };
}
