/**
 * Why opsbot refuses a Redis in cluster mode (INFO's `cluster_enabled:1`), or undefined when the
 * server is not one. BullMQ runs on a cluster only with every key of a queue — and of a flow, whose
 * jobs span three queues — in one hash slot (a `{…}` hash tag in the prefix): the whole of opsbot
 * would then live on one primary, so a cluster adds no capacity, only failover, which Sentinel
 * gives without ioredis's cluster client and CROSSSLOT errors. One Redis behind Sentinel is the
 * supported high-availability set-up (docs/deployment.md).
 */
export function clusterRefusal(infoText: string, where: string): string | undefined {
  if (!/^cluster_enabled:1\s*$/m.test(infoText)) return undefined;
  return (
    `${where} is a Redis Cluster node (cluster_enabled:1): opsbot does not support Redis Cluster. ` +
    "BullMQ needs all of a flow's queues in one hash slot, so a cluster would hold opsbot on one primary and add only failover. " +
    'Use one Redis primary with replicas behind Sentinel instead (REDIS_SENTINELS, REDIS_SENTINEL_NAME; see docs/deployment.md).'
  );
}

export class RedisClusterRefusedError extends Error {
  override name = 'RedisClusterRefusedError';
}
