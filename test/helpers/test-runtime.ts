import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig, setConfig, type Config } from '../../jobs/runtime/config';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../jobs/runtime/redis';

export interface TestRuntime {
  varDir: string;
  redis: EmbeddedRedis;
  config: Config;
  stop(): Promise<void>;
}

/**
 * A private world for one test file: its own var folder, its own real redis-server, its own
 * queue prefix, and the process config pointing at them.
 */
export async function startTestRuntime(overrides: Partial<Config> = {}): Promise<TestRuntime> {
  const varDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-test-'));
  const redis = await startEmbeddedRedis(path.join(varDir, 'redis'));
  // computeMissingHistory off: a daily report would extract 5 more days; only the history test wants that.
  const config = { ...parseConfig({}, varDir), varDir, redisUrl: redis.url, queuePrefix: `t${process.pid}`, logLevel: 'warn' as const, computeMissingHistory: false, ...overrides };
  setConfig(config);
  return {
    varDir,
    redis,
    config,
    stop: async () => {
      await redis.stop();
      rmSync(varDir, { recursive: true, force: true });
    },
  };
}
