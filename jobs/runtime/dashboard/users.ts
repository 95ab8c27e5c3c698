import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigError, type Config } from '../config';

export type Role = 'admin' | 'viewer';

export interface DashboardUser {
  name: string;
  role: Role;
}

/**
 * Who may log in. Today the logins come from the config; the review workbench moves users into
 * PostgreSQL, which then only has to provide another implementation of this.
 */
export interface DashboardUsers {
  /** The user, when the name and password match a login; never says which of the two was wrong. */
  authenticate(name: unknown, password: unknown): Promise<DashboardUser | undefined>;
}

interface Login extends DashboardUser {
  password: string;
}

/** Compares digests in constant time, so the response time does not tell how much of a password was right. */
function same(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/**
 * The two config logins (OPSBOT_DASHBOARD_ADMIN_* and OPSBOT_DASHBOARD_VIEWER_*); a role without a
 * password has no login. Throws a ConfigError when neither has one: the dashboard never runs open.
 */
export function configUsers(cfg: Config): DashboardUsers {
  const logins: Login[] = [];
  if (cfg.dashboardAdminPassword) logins.push({ name: cfg.dashboardAdminUser, password: cfg.dashboardAdminPassword, role: 'admin' });
  if (cfg.dashboardViewerPassword) logins.push({ name: cfg.dashboardViewerUser, password: cfg.dashboardViewerPassword, role: 'viewer' });
  if (!logins.length) {
    throw new ConfigError('OPSBOT_DASHBOARD_ADMIN_PASSWORD (or OPSBOT_DASHBOARD_VIEWER_PASSWORD): set at least one dashboard password (8+ characters); the dashboard never runs without a login');
  }
  return {
    async authenticate(name, password) {
      if (typeof name !== 'string' || typeof password !== 'string' || !password) return undefined;
      let found: DashboardUser | undefined;
      // Every login is compared, matched or not, so timing does not tell which user exists.
      for (const l of logins) if (same(l.name, name) && same(l.password, password)) found = { name: l.name, role: l.role };
      return found;
    },
  };
}
