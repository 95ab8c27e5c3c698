import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisConnection, queueNamespace } from '../../../jobs/runtime/queues';
import { RedisClusterRefusedError } from '../../../jobs/runtime/redis';
import { parseConfig } from '../../../jobs/runtime/config';
import { createLogger } from '../../../jobs/runtime/logger';
import { startScheduler } from '../../../jobs/runtime/scheduler';
import { refuseRedisCluster } from '../../../jobs/runtime/worker';
import { composeRuntime } from '../../../scripts/app/compose-runtime';
import { startCli } from '../../helpers/cli-process';
import { startRedisCluster, type RedisCluster } from './redis-cluster';

// Issue 20.3: opsbot refuses Redis Cluster at start, saying why and what to use instead (Sentinel),
// tested against a real 3-primary cluster.

describe('Redis Cluster is refused', () => {
  let cluster: RedisCluster;
  const varDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-cluster-var-'));

  beforeAll(async () => {
    cluster = await startRedisCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
    rmSync(varDir, { recursive: true, force: true });
  });

  it('the start check throws naming the node, the reason and Sentinel', async () => {
    const redis = redisConnection(`redis://127.0.0.1:${cluster.ports[1]}`, queueNamespace('opsbot'));
    const err = await refuseRedisCluster(redis).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(RedisClusterRefusedError);
    expect((err as Error).message).toContain(`Redis at 127.0.0.1:${cluster.ports[1]} is a Redis Cluster node (cluster_enabled:1)`);
    expect((err as Error).message).toMatch(/one hash slot/);
    expect((err as Error).message).toMatch(/behind Sentinel instead \(REDIS_SENTINELS, REDIS_SENTINEL_NAME/);
  });

  it('opsbot worker exits 1 with that message before taking a job, and writes no store marker', async () => {
    const runsDir = path.join(varDir, 'runs');
    const cli = startCli(['worker'], { OPSBOT_VAR_DIR: varDir, OPSBOT_RUNS_DIR: runsDir, REDIS_URL: `redis://127.0.0.1:${cluster.ports[0]}` });
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toMatch(/opsbot: Redis at 127\.0\.0\.1:\d+ is a Redis Cluster node \(cluster_enabled:1\): opsbot does not support Redis Cluster/);
    expect(cli.output()).not.toMatch(/worker ready/);
    expect(() => rmSync(path.join(runsDir, '.opsbot-store.json'))).toThrow(/ENOENT/);
  }, 60_000);

  it('the scheduler is refused too, before it writes a schedule', async () => {
    const redisUrl = `redis://127.0.0.1:${cluster.ports[2]}`;
    const config = { ...parseConfig({}, varDir), varDir, redisUrl, logLevel: 'warn' as const };
    const deps = composeRuntime({ config, redis: redisUrl, log: createLogger('warn') });
    await expect(startScheduler(deps)).rejects.toThrow(/is a Redis Cluster node \(cluster_enabled:1\): opsbot does not support Redis Cluster/);
  });
});
