import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig, type Config } from '../../jobs/runtime/config';
import { createLogger } from '../../jobs/runtime/logger';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../jobs/runtime/redis';
import type { BotRegistry, JobRegistry } from '../../jobs/runtime/registries';
import type { RuntimeDeps } from '../../jobs/runtime/runtime-deps';
import { composeRuntime } from '../../scripts/app/compose-runtime';

export interface TestRuntime {
  varDir: string;
  redis: EmbeddedRedis;
  config: Config;
  /** What the runtime is handed (worker, triggers, scheduler), built by the app's composition root. */
  deps: RuntimeDeps;
  /** The same runtime with other settings, e.g. a run store that cannot be written. */
  with(overrides: Partial<Config>): RuntimeDeps;
  stop(): Promise<void>;
}

/**
 * A private world for one test file: its own var folder, its own real redis-server, its own queue
 * prefix, and a runtime composed with a config pointing at them. Nothing is set process-wide: the
 * test hands `deps` to what it starts.
 */
/** Jobs and bots of a test's own (default: every registered one). */
export interface TestRegistries {
  jobs?: JobRegistry;
  bots?: BotRegistry;
}

export async function startTestRuntime(overrides: Partial<Config> = {}, registries: TestRegistries = {}): Promise<TestRuntime> {
  const varDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-test-'));
  const redis = await startEmbeddedRedis(path.join(varDir, 'redis'));
  // computeMissingHistory off: a daily report would extract 5 more days; only the history test wants that.
  const config: Config = { ...parseConfig({}, varDir), varDir, redisUrl: redis.url, queuePrefix: `t${process.pid}`, logLevel: 'warn', computeMissingHistory: false, ...overrides };
  const log = createLogger(config.logLevel);
  const compose = (cfg: Config) => composeRuntime({ config: cfg, redis: redis.url, log, ...registries });
  return {
    varDir,
    redis,
    config,
    deps: compose(config),
    with: (more) => compose({ ...config, ...more }),
    stop: async () => {
      await redis.stop();
      rmSync(varDir, { recursive: true, force: true });
    },
  };
}
