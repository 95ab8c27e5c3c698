import type { Store } from 'express-rate-limit';
import { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { RedisConnection } from '../queues';

/** Login-failure counters every web instance on this Redis shares, and the connection they use. */
export interface SharedLoginCounters {
  /** A store for one limiter (express-rate-limit wants a store per limiter). */
  newStore: () => Store;
  close(): Promise<void>;
}

/**
 * The login limiter's counters in Redis (rate-limit-redis), so "5 failures per 15 min per user and
 * per address" holds across every `opsbot web` / `opsbot dashboard` instance behind the proxy, not
 * 5 per instance. Keys live under the coordination prefix (the same for every process on this
 * Redis, whatever fixture world it serves) and expire with the window. Its own connection: a
 * command fails after two reconnect attempts instead of waiting for ever, and a login the limiter
 * cannot count is then refused (the limiter fails closed; sessions already open are in PostgreSQL
 * and keep working).
 */
export function redisLoginCounters(redis: Pick<RedisConnection, 'connection' | 'coordinationPrefix'>): SharedLoginCounters {
  // Errors reach the request that needed the counter (and the web's error log), not this listener.
  const client = new Redis({ ...redis.connection, maxRetriesPerRequest: 2 }).on('error', () => undefined);
  return {
    newStore: () =>
      new RedisStore({
        prefix: `${redis.coordinationPrefix}:login-limit:`,
        sendCommand: (command: string, ...args: string[]) => client.call(command, ...args) as Promise<RedisReply>,
      }),
    close: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
