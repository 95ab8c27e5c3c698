import { createRedis } from '../redis';
import { ownWorld, queuePrefix } from './queue-namespace';

/**
 * Removes every key of this process's own fixture world (its queues, their jobs, fire records)
 * when the process ends: no one else can process them — their portals stop with the process —
 * and a world's id is never used again. Keys of the deployment are never touched. Does nothing
 * for a process without a world of its own.
 */
export async function dropOwnWorldQueues(): Promise<number> {
  if (!ownWorld()) return 0;
  const pattern = `${queuePrefix().replace(/[*?[\]\\]/g, (c) => `\\${c}`)}:*`;
  const redis = await createRedis();
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length) removed += await redis.unlink(...keys);
    } while (cursor !== '0');
    return removed;
  } finally {
    redis.disconnect();
  }
}
