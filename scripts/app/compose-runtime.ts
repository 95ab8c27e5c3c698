import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { bots as allBots } from '../../bots';
import { jobs as allJobs } from '../../jobs';
import type { Config } from '../../jobs/runtime/config';
import type { Database } from '../../jobs/runtime/db';
import { createLogger } from '../../jobs/runtime/logger';
import { queueNamespace, redisConnection } from '../../jobs/runtime/queues';
import type { RedisEndpoint } from '../../jobs/runtime/redis';
import type { BotRegistry, JobRegistry } from '../../jobs/runtime/registries';
import { runStoreOf } from '../../jobs/runtime/run-store';
import type { RuntimeDeps } from '../../jobs/runtime/runtime-deps';

export interface ComposeOptions {
  config: Config;
  /** The Redis to use: a URL (the deployment's, or a private one the caller started) or Sentinel. */
  redis: RedisEndpoint;
  /** A fixture world this process serves: its queues get a namespace of their own. */
  world?: string;
  /** Default: a logger at the config's `logLevel`, on stderr. */
  log?: Logger;
  /** Default: every job of jobs/index.ts (tests add one of their own). */
  jobs?: JobRegistry;
  /** Default: every bot of bots/index.ts. */
  bots?: BotRegistry;
  /** The database, for the parts that need one (cases, users, audit); see process-database.ts. */
  db?: Kysely<Database>;
}

/**
 * The composition root: the one place that reads both registries and builds what the runtime is
 * handed — config, jobs, bots, run store, Redis connection, logger, and the database when the
 * command needs one. The CLI's commands (worker, scheduler, run, dashboard) and the tests build
 * their runtime here, so they all run the same wiring; nothing under jobs/runtime/ reaches for any
 * of it on its own.
 *
 * @example
 * const runtime = composeRuntime({ config, redis: await processRedis(config).endpoint() });
 * const worker = await startWorker(runtime);
 */
export function composeRuntime(opts: ComposeOptions): RuntimeDeps {
  const { config } = opts;
  return {
    config,
    jobs: opts.jobs ?? allJobs,
    bots: opts.bots ?? allBots,
    store: runStoreOf(config),
    redis: redisConnection(opts.redis, queueNamespace(config.queuePrefix, opts.world)),
    log: opts.log ?? createLogger(config.logLevel),
    ...(opts.db ? { db: opts.db } : {}),
  };
}
