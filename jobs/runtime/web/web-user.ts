import type { Role } from '../db';

/** Who is logged in: what the pages need to decide what to show (a branch list empty = all branches). */
export interface WebUser {
  name: string;
  role: Role;
  branches: string[];
}

/** The roles' names on the pages (review-workbench.md, "Who"). */
export const ROLE_LABELS: Record<Role, string> = { clerk: '经办', checker: '复核', admin: '管理员', viewer: '只读' };

/**
 * How a login is checked: the users table (jobs/runtime/users), handed in by the composition
 * root so the web machinery never reads passwords itself. Undefined for a wrong name, a wrong
 * password or a disabled user alike: the page never says which.
 */
export type Authenticate = (name: string, password: string) => Promise<WebUser | undefined>;
