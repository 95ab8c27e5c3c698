import type { Config } from '../config';
import type { RedisConnection } from '../queues';
import { redisWhere } from '../worker/start-checks';
import { guarded, type CheckResult } from './check-result';
import { databaseChecks } from './database-checks';
import { chromiumCheck, cjkFontCheck } from './host-checks';
import { doctorRedis, redisChecks } from './redis-checks';
import { runStoreWritableCheck, sharedRunStoreCheck } from './run-store-checks';

export interface DoctorInput {
  config: Config;
  /** The Redis this host's processes use, and the coordination prefix every process agrees on. */
  redis: RedisConnection;
  /** The run store root (OPSBOT_RUNS_DIR, or var/runs). */
  runsDir: string;
  /** For messages: where the Redis is, when the caller knows better (a private redis-server). */
  redisWhere?: string;
}

/**
 * Every check of `opsbot doctor` (cli.md), in the order an admin fixes them: Redis, PostgreSQL,
 * Chromium, fonts, the run store, the clock. Each is bounded in time and a check that throws is a
 * failure naming why, so one dead service never hides the rest.
 */
export async function runDoctor(input: DoctorInput): Promise<CheckResult[]> {
  const { config, runsDir } = input;
  const client = doctorRedis(input.redis.connection);
  try {
    const where = input.redisWhere ?? redisWhere(input.redis.connection);
    const redis = await redisChecks(client, where);
    const redisUp = redis.find((r) => r.check === 'redis reachable')?.ok === true;
    const [database, chromium, font, writable] = await Promise.all([
      databaseChecks(config),
      guarded('chromium launches', 'install Chromium (apt-get install -y chromium) or set CHROMIUM_PATH; on a small host give it memory (docs/deployment.md, Sizing)', async () => chromiumCheck(config.chromiumPath)),
      guarded('CJK font', 'install a CJK font: apt-get install -y fonts-wqy-microhei (or fonts-noto-cjk), then fc-cache -f', cjkFontCheck),
      guarded('run store writable', `make ${runsDir} a folder this user can write (mount the shared store; check its owner and mode)`, async () => runStoreWritableCheck(runsDir)),
    ]);
    const shared = await guarded('run store shared', 'make Redis reachable and the run store readable, then run doctor again', async () => {
      if (!redisUp) throw new Error('not checked: Redis unreachable');
      return sharedRunStoreCheck(client, input.redis.coordinationPrefix, runsDir);
    });
    const clock = redis.filter((r) => r.check === 'clock vs Redis');
    return [...redis.filter((r) => r.check !== 'clock vs Redis'), ...database, ...chromium, ...font, ...writable, ...shared, ...clock];
  } finally {
    client.disconnect();
  }
}
