// BullMQ's own type of connection options: what its Queue, Worker and FlowProducer accept.
import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { QueueNamespace } from './queue-namespace';

/**
 * How a process reaches its Redis and where its queues live there: what the composition root
 * (scripts/app) hands to the worker, the scheduler, triggers and the dashboard.
 */
export interface RedisConnection extends QueueNamespace {
  /** BullMQ's (and ioredis's) connection options: host, port, login, database, TLS. */
  connection: RedisOptions;
}

/** The connection options of a Redis URL (`redis://` or, over TLS, `rediss://`). */
export function redisOptionsOf(redisUrl: string): RedisOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    // rediss:// is Redis over TLS (what a production Redis should require; see the admin guide).
    ...(url.protocol === 'rediss:' ? { tls: { servername: url.hostname } } : {}),
    maxRetriesPerRequest: null,
  };
}

/** The connection to `redisUrl`, with the queues of `namespace` (see queue-namespace.ts). */
export function redisConnection(redisUrl: string, namespace: QueueNamespace): RedisConnection {
  return { connection: redisOptionsOf(redisUrl), ...namespace };
}

/** A new ioredis connection with the settings BullMQ workers require (locks, schedule overrides, fire records). */
export function openRedis(redis: Pick<RedisConnection, 'connection'>): Redis {
  return new Redis({ ...redis.connection, maxRetriesPerRequest: null, enableReadyCheck: true });
}
