import type { RedisOptions } from 'ioredis';
import { openRedis, type RedisConnection } from '../queues';
import { clusterRefusal, RedisClusterRefusedError } from '../redis/cluster-refusal';
import { claimSharedRunStore, type SharedStoreRecord, type StoreMarker } from '../run-store';
import type { RuntimeDeps } from '../runtime-deps';

/** The Redis a connection reaches, for messages: address or Sentinel name, never a password. */
export function redisWhere(connection: RedisOptions): string {
  if (connection.sentinels?.length) return `Redis (Sentinel ${connection.name ?? '?'})`;
  return `Redis at ${connection.host ?? '127.0.0.1'}:${connection.port ?? 6379}`;
}

/** Throws RedisClusterRefusedError when the Redis is a cluster node (see cluster-refusal.ts). */
export async function refuseRedisCluster(redis: Pick<RedisConnection, 'connection'>): Promise<void> {
  const client = openRedis(redis);
  try {
    const refusal = clusterRefusal(await client.info('cluster'), redisWhere(redis.connection));
    if (refusal) throw new RedisClusterRefusedError(refusal);
  } finally {
    client.disconnect();
  }
}

/**
 * What a worker process checks before it takes a job, each a misconfiguration that would
 * otherwise show up later as wrong reports: a Redis Cluster (refused), and a run store that is not
 * the one the other workers share (refused with both paths; see shared-run-store.ts).
 */
export async function checkWorkerStart(deps: Pick<RuntimeDeps, 'redis' | 'store' | 'config'>): Promise<{ marker: StoreMarker; recorded: SharedStoreRecord }> {
  await refuseRedisCluster(deps.redis);
  const client = openRedis(deps.redis);
  try {
    return await claimSharedRunStore(client, deps.redis.coordinationPrefix, deps.store.root, deps.config.privateFiles ? 0o700 : 0o755);
  } finally {
    client.disconnect();
  }
}
