import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config/schema';
import type { Database } from './db/tables';
import type { RedisConnection } from './queues/connection';
import type { BotRegistry, JobRegistry } from './registries';
import type { RunStore } from './run-store/run-store';

/**
 * What the runtime is handed by the composition root (scripts/app/compose-runtime.ts): the worker,
 * the scheduler, triggers and the dashboard take these — each the part it needs — and reach for
 * no module-level registry, config or connection of their own. Built once per process (tests build
 * theirs with their own config, jobs and Redis).
 *
 * @example
 * const worker = await startWorker(runtime, { concurrency: 2 });
 * const t = await triggerRun(runtime, { job: 'daily-ops-report', date: '2026-11-20' });
 */
export interface RuntimeDeps {
  config: Config;
  jobs: JobRegistry;
  bots: BotRegistry;
  store: RunStore;
  redis: RedisConnection;
  log: Logger;
  /** The database, when the command needs one (composed with `database: true`); absent otherwise. */
  db?: Kysely<Database>;
}
