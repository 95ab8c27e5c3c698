import type { Express, Response } from 'express';
import { layoutHtml } from '../../../templates/web/layout';
import { type SafeHtml, trusted } from '../../../templates/render/html/escape';
import { csrfToken } from './csrf';
import { currentUser } from './current-user';
import { navFor, navOf } from './nav';
import { sendSaved } from './send-saved';
import { ROLE_LABELS } from './web-user';

/**
 * Sends one workbench page: the layout (nav bar by the user's role, 退出) around `body`.
 * `body` is markup made by a template (templates/web/…), which escaped every value; a plain
 * string is taken as such markup too, so never pass unescaped text here.
 *
 * @example
 * renderPage(res, '我的待办', queueBody(view));
 * renderPage(res, '案件不存在', messageBody({ kind: 'error', text: '没有这个案件' }), 404);
 */
export function renderPage(res: Response, title: string, body: SafeHtml | string, status = 200): void {
  const req = res.req;
  const user = currentUser(req);
  const path = req.originalUrl.split('?')[0] ?? '';
  const nav = user
    ? navFor(navOf(req.app as Express), user.role).map((i) => ({ label: i.label, href: i.href, current: path === i.href || path.startsWith(`${i.href}/`) }))
    : [];
  const page = layoutHtml({
    title,
    user: user && { name: user.name, roleLabel: ROLE_LABELS[user.role] },
    nav,
    body: typeof body === 'string' ? trusted(body) : body,
    csrfToken: csrfToken(req, res),
  });
  sendSaved(res, () => void res.status(status).type('html').send(page));
}
