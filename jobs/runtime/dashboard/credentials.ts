import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigError, type Config } from '../config';
import type { Role } from './session-token';

interface Account {
  user: string;
  password: string;
  role: Role;
}

/** The dashboard's logins from the config; a role without a password has no login. */
export function dashboardAccounts(cfg: Config): Account[] {
  const accounts: Account[] = [];
  if (cfg.dashboardAdminPassword) accounts.push({ user: cfg.dashboardAdminUser, password: cfg.dashboardAdminPassword, role: 'admin' });
  if (cfg.dashboardViewerPassword) accounts.push({ user: cfg.dashboardViewerUser, password: cfg.dashboardViewerPassword, role: 'viewer' });
  if (!accounts.length) {
    throw new ConfigError('OPSBOT_DASHBOARD_ADMIN_PASSWORD (or OPSBOT_DASHBOARD_VIEWER_PASSWORD): set at least one dashboard password (8+ characters); the dashboard never runs without a login');
  }
  return accounts;
}

/** Compares digests in constant time, so the response time does not tell how much of a password was right. */
function same(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

export function authenticate(accounts: Account[], user: unknown, password: unknown): Role | undefined {
  if (typeof user !== 'string' || typeof password !== 'string' || !password) return undefined;
  let role: Role | undefined;
  for (const a of accounts) if (same(a.user, user) && same(a.password, password)) role = a.role;
  return role;
}
