import type { ConnectionOptions } from 'bullmq';
import { config } from '../config';
import { redisUrl } from '../redis';

/** BullMQ connection options and key prefix for this process. */
export async function bullConnection(): Promise<{ connection: ConnectionOptions; prefix: string }> {
  const url = new URL(await redisUrl());
  return {
    connection: {
      host: url.hostname,
      port: Number(url.port || 6379),
      username: url.username || undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
      maxRetriesPerRequest: null,
    },
    prefix: config().queuePrefix,
  };
}
