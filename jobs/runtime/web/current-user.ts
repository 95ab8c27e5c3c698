import type { Request } from 'express';
import type { WebUser } from './web-user';

/**
 * The logged-in user of this request, or undefined (no session, idle timeout passed, or the
 * session's maximum age reached).
 *
 * @example
 * const user = currentUser(req);
 * if (user?.role === 'clerk') query = query.where('branch', 'in', user.branches);
 */
export function currentUser(req: Request): WebUser | undefined {
  const { user, endsAt } = req.session ?? {};
  return user && Date.now() < (endsAt ?? 0) ? user : undefined;
}
