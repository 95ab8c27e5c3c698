import { Queue } from 'bullmq';
import type { Kysely } from 'kysely';
import { runtimePaths } from '../config';
import type { Database } from '../db';
import type { LoginLimitOptions } from './login-limiter';
import type { RuntimeDeps } from '../runtime-deps';
import { ALL_QUEUES } from '../scheduler/trigger-queue';
import { createWebApp, type WebPage } from './create-web-app';
import { listen } from './listen';
import { pgSessionStore } from './pg-session-store';
import { queueBoardPage } from './queue-board';
import { redisLoginCounters } from './redis-login-counters';
import { sessionSecret } from './session-secret';
import type { Authenticate } from './web-user';

export interface RunningWeb {
  url: string;
  close(): Promise<void>;
}

export interface StartWebOptions {
  port?: number;
  host?: string;
  /** The https:// (or http://) address of a reverse proxy in front; default the config's webPublicUrl. */
  publicUrl?: string;
  authenticate: Authenticate;
  /** The pages before 队列, in nav order (the queue board is added last). */
  pages: WebPage[];
  /** Tests shorten these; default the config's. */
  idleMs?: number;
  loginLimit?: LoginLimitOptions;
  /** The log's component (default `web`). */
  component?: string;
  /**
   * Queues of parts the runtime may not import (the case ledger's `changes`), named by the
   * composing script: 队列 shows them after the runtime's own.
   */
  moreQueues?: readonly string[];
  /**
   * Count login failures in Redis, shared by every instance (redis-login-counters.ts), unless
   * `loginLimit.newStore` says otherwise; the commands set it. Off: each process counts its own.
   */
  shareLoginCounters?: boolean;
}

/**
 * Serves the web app on loopback (a TLS reverse proxy in front reaches it from elsewhere): the
 * pages handed in, then 队列 (Bull Board, admins: the runtime's queues and `moreQueues`). Sessions live in the database, so several
 * instances (on one database, with one session secret) are one site. Closes what it opened when
 * it cannot listen, so a port in use ends the command instead of leaving it hanging.
 */
export async function startWeb(deps: Pick<RuntimeDeps, 'config' | 'redis' | 'log'> & { db: Kysely<Database> }, opts: StartWebOptions): Promise<RunningWeb> {
  const cfg = deps.config;
  const publicUrlText = opts.publicUrl ?? cfg.webPublicUrl;
  const publicUrl = publicUrlText ? new URL(publicUrlText) : undefined;
  const host = opts.host ?? '127.0.0.1';
  const secret = await sessionSecret(cfg.webSessionSecret, runtimePaths(cfg).varDir);
  const { connection, prefix } = deps.redis;
  const queues = [...new Set([...ALL_QUEUES, ...(opts.moreQueues ?? [])])].map((name) => new Queue(name, { connection, prefix }));
  const sessions = pgSessionStore(deps.db);
  const counters = opts.shareLoginCounters && !opts.loginLimit?.newStore ? redisLoginCounters(deps.redis) : undefined;
  const closeOpened = async () => {
    await sessions.close();
    await Promise.all(queues.map((q) => q.close()));
    await counters?.close();
  };
  const log = deps.log.child({ component: opts.component ?? 'web' });
  const app = createWebApp({
    db: deps.db,
    authenticate: opts.authenticate,
    log,
    sessionStore: sessions.store,
    sessionSecret: secret,
    publicUrl,
    idleMs: opts.idleMs ?? cfg.webIdleMinutes * 60_000,
    maxAgeMs: cfg.webMaxSessionHours * 3_600_000,
    loginLimit: counters ? { ...opts.loginLimit, newStore: counters.newStore } : opts.loginLimit,
    pages: [...opts.pages, queueBoardPage(queues, { db: deps.db, log })],
  });
  let server: Awaited<ReturnType<typeof listen>>;
  try {
    server = await listen(app, host, opts.port ?? 0);
  } catch (err) {
    await closeOpened();
    throw err;
  }
  return {
    url: `http://${host}:${server.port}`,
    close: async () => {
      await server.close();
      await closeOpened();
    },
  };
}
