import { Router, type Request, type Response } from 'express';
import { sql, type Kysely } from 'kysely';
import { usersBody, type UsersView } from '../../../templates/web/users-page';
import type { Database } from '../db';
import { addUser, disableUser, listUsers, oneTimePassword, ROLES, UserInputError } from '../users';
import { csrfToken } from './csrf';
import type { WebPage } from './create-web-app';
import { currentUser } from './current-user';
import { renderPage } from './render-page';
import { requireRole } from './require-role';
import { ROLE_LABELS } from './web-user';

/** "a, b，c" → ['a', 'b', 'c']: the form's branch list (ASCII or Chinese commas, or spaces). */
function branchesOf(text: string): string[] {
  return text.split(/[,，\s]+/).map((b) => b.trim()).filter(Boolean);
}

/**
 * 用户 (admins): the users, adding one with a one-time password shown once on the answer page
 * (never stored in clear, never logged), and disabling one — which also ends that user's open
 * sessions, so a disabled clerk is out at once, not at their idle timeout. Each change writes its
 * audit row (user.added, user.disabled) in the same transaction (jobs/runtime/users).
 */
export function usersPage(db: Kysely<Database>): WebPage {
  const router = Router();
  router.use(requireRole('admin'));

  async function show(req: Request, res: Response, extra: Partial<UsersView> = {}, status = 200): Promise<void> {
    const me = currentUser(req)!;
    const rows = (await listUsers(db)).map((u) => ({
      name: u.name,
      roleLabel: ROLE_LABELS[u.role],
      branches: u.branches.length ? u.branches.join('、') : '全部网点',
      disabled: u.disabled,
      createdAt: u.createdAt.toISOString().replace('T', ' ').slice(0, 16),
      canDisable: u.name !== me.name,
    }));
    const roles = Object.entries(ROLES).map(([value, label]) => ({ value, label }));
    renderPage(res, '用户', usersBody({ csrfToken: csrfToken(req, res), rows, roles, ...extra }), status);
  }

  router.get('/', async (req, res) => {
    const disabled = typeof req.query.disabled === 'string' ? req.query.disabled : undefined;
    await show(req, res, disabled ? { notice: `已停用用户 ${disabled}，其登录会话已结束。` } : {});
  });

  router.post('/', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = { name: String(body.name ?? '').trim(), role: String(body.role ?? ''), branches: String(body.branches ?? '') };
    const password = oneTimePassword();
    try {
      await addUser(db, { name: form.name, role: form.role, branches: branchesOf(form.branches), password }, currentUser(req)!.name);
    } catch (err) {
      if (!(err instanceof UserInputError)) throw err;
      return void (await show(req, res, { error: err.message, form }, 400));
    }
    // The answer to this POST is the only place the password appears (no-store: no cache keeps it).
    await show(req, res, { added: { name: form.name, password } });
  });

  router.post('/:name/disable', async (req, res) => {
    const name = req.params.name;
    if (name === currentUser(req)!.name) return void (await show(req, res, { error: '不能停用自己。' }, 400));
    try {
      await disableUser(db, name, currentUser(req)!.name);
    } catch (err) {
      if (!(err instanceof UserInputError)) throw err;
      return void (await show(req, res, { error: err.message }, 400));
    }
    await sql`DELETE FROM sessions WHERE sess -> 'user' ->> 'name' = ${name}`.execute(db);
    res.redirect(303, `/users?disabled=${encodeURIComponent(name)}`);
  });

  return { path: '/users', router, nav: [{ label: '用户', href: '/users', roles: ['admin'] }] };
}
