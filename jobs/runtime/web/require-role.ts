import type { RequestHandler } from 'express';
import type { Role } from '../db';
import { messageBody } from '../../../templates/web/message';
import { currentUser } from './current-user';
import { renderPage } from './render-page';
import { ROLE_LABELS } from './web-user';

/**
 * Lets the request through when a user is logged in and (if roles are named) has one of them.
 * Without a login: a page request goes to /login, any other request gets 401. With the wrong
 * role: 403 and a page saying so (a viewer's forged POST included).
 *
 * @example
 * router.post('/cases/:id/approve', requireRole('checker', 'admin'), approve);
 * router.get('/cases', requireRole(), listCases); // any logged-in user
 */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    const user = currentUser(req);
    if (!user) {
      if (req.method === 'GET' || req.method === 'HEAD') return void res.redirect(303, '/login');
      return void res.status(401).type('text').send('login required');
    }
    if (roles.length > 0 && !roles.includes(user.role)) {
      return void renderPage(res, '无权访问', messageBody({ kind: 'error', text: `当前用户（${ROLE_LABELS[user.role]}）无权访问此页面或执行此操作。` }), 403);
    }
    next();
  };
}
