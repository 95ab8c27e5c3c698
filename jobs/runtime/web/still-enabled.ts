import type { RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db';

/**
 * Checks the session's user against the users table on every request: a user disabled since
 * login (by `opsbot users disable` as well as on the 用户 page) is logged out at their next
 * request, and the role and branches the pages see are the current ones. One indexed lookup.
 */
export function stillEnabled(db: Kysely<Database>): RequestHandler {
  return async (req, _res, next) => {
    const user = req.session?.user;
    if (!user) return next();
    const row = await db.selectFrom('users').select(['role', 'branches', 'disabled']).where('name', '=', user.name).executeTakeFirst();
    if (!row || row.disabled) {
      req.session.user = undefined;
      req.session.endsAt = 0;
    } else if (row.role !== user.role || row.branches.join('\n') !== user.branches.join('\n')) {
      req.session.user = { name: user.name, role: row.role, branches: row.branches };
    }
    next();
  };
}
