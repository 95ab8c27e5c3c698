import type { Kysely } from 'kysely';
import type { Database } from '../db';
import type { RuntimeDeps } from '../runtime-deps';
import { startWeb, type Authenticate, type LoginLimitOptions, type RunningWeb } from '../web';

export type RunningDashboard = RunningWeb;

export interface StartDashboardOptions {
  port?: number;
  host?: string;
  /** The https:// (or http://) address of a reverse proxy in front, when there is one. */
  publicUrl?: string;
  /** The database's users (jobs/runtime/users), as for `opsbot web`. */
  authenticate: Authenticate;
  loginLimit?: LoginLimitOptions;
  idleMs?: number;
  /** Queues the composing script adds to the board (the case ledger's `changes`): see StartWebOptions. */
  moreQueues?: readonly string[];
  /** Login failures counted in Redis, shared with every web and dashboard instance: see StartWebOptions. */
  shareLoginCounters?: boolean;
}

/**
 * `opsbot dashboard`: the web server with no page but 队列 (Bull Board, admins only), behind the
 * same users, login, sessions and CSRF as `opsbot web` — the two share sessions, so a login on
 * one holds on the other.
 */
export async function startDashboard(deps: Pick<RuntimeDeps, 'config' | 'redis' | 'log'> & { db: Kysely<Database> }, opts: StartDashboardOptions): Promise<RunningDashboard> {
  return startWeb(deps, { ...opts, pages: [], component: 'dashboard' });
}
