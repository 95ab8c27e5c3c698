/**
 * The web server's machinery (`opsbot web`, `opsbot dashboard`): sessions in PostgreSQL, login,
 * CSRF, security headers, the layout, and the runs / users / queues pages.
 *
 * API for the pages of other folders (jobs/review/web: the queue, case and checker pages). Such a
 * folder exports express Routers; scripts/cli/actions/web.ts mounts them with their nav entries
 * (`WebPage`), so jobs/runtime never imports jobs/review. Inside a router:
 *
 *   - `currentUser(req)` → `{ name, role, branches }` of the logged-in user, or undefined
 *     (branches empty = all branches).
 *   - `requireRole(...roles)` → middleware: no login → GET redirects to /login, else 401; wrong
 *     role → 403 page. `requireRole()` with no roles = any logged-in user.
 *   - `renderPage(res, title, body, status?)` → sends the page in the layout (nav by role, 退出).
 *     `body` is markup from a template in templates/web/ (SafeHtml from `html\`…\``), escaped there.
 *   - `csrfToken(req, res)` → the token for a form's hidden `<input name="_csrf">`. Every POST
 *     without it is refused (403) before the router sees it. Forms are urlencoded
 *     (`req.body` is parsed already, 64 kB at most).
 *   - `messageBody` (templates/web/message.ts) for an error or notice page body.
 *
 * @example
 * // jobs/review/web/queue-router.ts
 * const router = Router();
 * router.get('/', requireRole(), async (req, res) => {
 *   const user = currentUser(req)!;
 *   renderPage(res, '我的待办', queueBody({ rows, csrfToken: csrfToken(req, res) }));
 * });
 * // scripts/cli/actions/web.ts
 * pages: [{ path: '/my', router, nav: [{ label: '我的待办', href: '/my' }] }, …]
 */
export * from './web-user';
export * from './current-user';
export * from './require-role';
export * from './render-page';
export { csrfToken } from './csrf';
export * from './nav';
export * from './create-web-app';
export * from './pg-session-store';
export * from './session-secret';
export type { LoginLimitOptions } from './login-limiter';
export * from './queue-board';
export * from './start-web';
export * from './runs-routes';
export * from './users-routes';
