// BullMQ's own type of connection options: what its Queue, Worker and FlowProducer accept.
import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { redisClientOptions, type RedisEndpoint } from '../redis/redis-endpoint';
import type { QueueNamespace } from './queue-namespace';

/**
 * How a process reaches its Redis and where its queues live there: what the composition root
 * (scripts/app) hands to the worker, the scheduler, triggers and the dashboard.
 */
export interface RedisConnection extends QueueNamespace {
  /** BullMQ's (and ioredis's) connection options: host, port, login, database, TLS. */
  connection: RedisOptions;
}

/** The connection options of a Redis URL (`redis://`, `rediss://`) or a Sentinel endpoint (see redis-endpoint.ts). */
export function redisOptionsOf(endpoint: RedisEndpoint): RedisOptions {
  return redisClientOptions(endpoint);
}

/** The connection to `endpoint`, with the queues of `namespace` (see queue-namespace.ts). */
export function redisConnection(endpoint: RedisEndpoint, namespace: QueueNamespace): RedisConnection {
  return { connection: redisOptionsOf(endpoint), ...namespace };
}

/** A new ioredis connection with the settings BullMQ workers require (locks, schedule overrides, fire records). */
export function openRedis(redis: Pick<RedisConnection, 'connection'>): Redis {
  // A lost connection (a Redis restart, a Sentinel failover) is retried, and a command that cannot
  // wait rejects on its own; without a listener ioredis prints every retry as an unhandled error.
  return new Redis({ ...redis.connection, maxRetriesPerRequest: null, enableReadyCheck: true }).on('error', () => undefined);
}
