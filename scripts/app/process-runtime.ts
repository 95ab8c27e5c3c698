import type { Config } from '../../jobs/runtime/config';
import type { RuntimeDeps } from '../../jobs/runtime/runtime-deps';
import { composeRuntime } from './compose-runtime';
import { processConfig } from './process-config';
import { processDatabase } from './process-database';
import { processLogger } from './process-log';
import { processRedis } from './process-redis';

export interface ProcessRuntimeOptions {
  /** Default: the process's config; a fixture run hands the one pointing at its fixture portals. */
  config?: Config;
  /** The fixture world this process serves (see scripts/cli/with-fixtures.ts). */
  world?: string;
  /** Open the database too (cases, users, audit): only commands that use it, so others start no PostgreSQL. */
  database?: boolean;
}

/**
 * What a command hands the runtime: the process's config, logger and Redis (a private one is
 * started here when neither REDIS_URL nor REDIS_SENTINELS is set), with the registries, through the composition root; with
 * `database: true` also the database (a private PostgreSQL when DATABASE_URL is unset).
 */
export async function processRuntime(opts: ProcessRuntimeOptions = {}): Promise<RuntimeDeps> {
  const config = opts.config ?? processConfig();
  const redis = await processRedis(config).endpoint();
  const db = opts.database ? (await processDatabase(config)).db : undefined;
  return composeRuntime({ config, redis, world: opts.world, log: processLogger(config), db });
}
