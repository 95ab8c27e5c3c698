import type { Kysely } from 'kysely';
import type { Database, Role } from '../../../jobs/runtime/db';
import { addUser, listUsers, oneTimePassword, ROLES } from '../../../jobs/runtime/users';

/** The demo's users: one per role, named after it. */
const DEMO_ROLES: readonly Role[] = ['clerk', 'checker', 'admin', 'viewer'];

/**
 * One user per role for `opsbot web`, made the first time the demo runs (a later demo leaves them
 * and their passwords alone): the clerk and the checker work for `branch`, a branch of the fixture
 * world, so they see only its cases; the admin and the viewer see all. Returns the lines to print,
 * with each new user's one-time password (shown here only; stored only as its hash).
 */
export async function ensureDemoUsers(db: Kysely<Database>, branch: string): Promise<string[]> {
  const existing = new Set((await listUsers(db)).map((u) => u.name));
  const lines: string[] = [];
  for (const role of DEMO_ROLES) {
    if (existing.has(role)) {
      lines.push(`  ${role.padEnd(8)} exists already (password unchanged)`);
      continue;
    }
    const branches = role === 'clerk' || role === 'checker' ? [branch] : [];
    const password = oneTimePassword();
    await addUser(db, { name: role, role, branches, password }, 'demo');
    lines.push(`  ${role.padEnd(8)} password ${password}  ${ROLES[role]}, ${branches.length ? branches.join(', ') : '全部网点'}`);
  }
  return ['users for `opsbot web` (one-time passwords, printed only now):', ...lines];
}
