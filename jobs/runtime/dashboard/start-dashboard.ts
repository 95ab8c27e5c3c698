import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import type { Store } from 'express-session';
import { appendAudit } from '../audit';
import { runtimePaths } from '../config';
import type { RuntimeDeps } from '../runtime-deps';
import { ALL_QUEUES } from '../scheduler/trigger-queue';
import type { AuditSink } from './audit-trail';
import { createDashboard } from './create-dashboard';
import type { LoginLimitOptions } from './login-limiter';
import { configUsers, type DashboardUsers } from './users';

export interface RunningDashboard {
  url: string;
  close(): Promise<void>;
}

export interface StartDashboardOptions {
  port?: number;
  host?: string;
  /** The https:// (or http://) address of a reverse proxy in front, when there is one. */
  publicUrl?: string;
  /** Default: the two logins of the config. */
  users?: DashboardUsers;
  /** Default: append to var/audit.log. */
  audit?: AuditSink;
  sessionStore?: Store;
  loginLimit?: LoginLimitOptions;
  idleMs?: number;
}

/** A listen error in words an admin acts on (a port in use, a port not allowed). */
function listenError(err: NodeJS.ErrnoException, host: string, port: number): Error {
  if (err.code === 'EADDRINUSE') return new Error(`port ${port} on ${host} is already in use: stop what listens there or choose another --port`, { cause: err });
  if (err.code === 'EACCES') return new Error(`not allowed to listen on port ${port} on ${host} (ports below 1024 need privileges): choose another --port`, { cause: err });
  return err;
}

/**
 * Serves the dashboard on loopback (put a TLS reverse proxy in front to reach it from elsewhere).
 * Checks the logins before it connects to Redis, and closes what it opened when it cannot listen,
 * so a bad config or a port in use ends the command instead of leaving it hanging.
 */
export async function startDashboard(deps: Pick<RuntimeDeps, 'config' | 'redis' | 'log'>, opts: StartDashboardOptions = {}): Promise<RunningDashboard> {
  const cfg = deps.config;
  const users = opts.users ?? configUsers(cfg); // throws a ConfigError before anything starts
  const publicUrl = opts.publicUrl ? new URL(opts.publicUrl) : undefined;
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 0;
  const { connection, prefix } = deps.redis;
  const queues = ALL_QUEUES.map((name) => new Queue(name, { connection, prefix }));
  const closeQueues = () => Promise.all(queues.map((q) => q.close()));
  const auditLog = runtimePaths(cfg).auditLog;
  const app = createDashboard(queues, {
    users,
    audit: opts.audit ?? ((entry) => appendAudit(auditLog, entry)),
    log: deps.log.child({ component: 'dashboard' }),
    publicUrl,
    sessionStore: opts.sessionStore,
    loginLimit: opts.loginLimit,
    idleMs: opts.idleMs,
  });
  let server: Server;
  try {
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
    });
  } catch (err) {
    await closeQueues();
    throw listenError(err as NodeJS.ErrnoException, host, port);
  }
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${bound}`,
    close: async () => {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections(); // an open board polls over keep-alive connections
      await closed;
      await closeQueues();
    },
  };
}
