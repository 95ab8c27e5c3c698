import { openRedis, type RedisConnection } from './connection';

/**
 * Removes every key of a process's own fixture world (its queues, their jobs, fire records) when
 * the process ends: no one else can process them — their portals stop with the process — and a
 * world's id is never used again. Keys of the deployment are never touched. Does nothing for a
 * connection without a world of its own.
 */
export async function dropWorldQueues(redis: RedisConnection): Promise<number> {
  if (!redis.world) return 0;
  const pattern = `${redis.prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}:*`;
  const client = openRedis(redis);
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length) removed += await client.unlink(...keys);
    } while (cursor !== '0');
    return removed;
  } finally {
    client.disconnect();
  }
}
