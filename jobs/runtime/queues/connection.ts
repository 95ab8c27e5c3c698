import type { ConnectionOptions } from 'bullmq';
import { redisUrl } from '../redis';
import { queuePrefix } from './queue-namespace';

/** BullMQ connection options and key prefix for this process (see queue-namespace.ts). */
export async function bullConnection(): Promise<{ connection: ConnectionOptions; prefix: string }> {
  const url = new URL(await redisUrl());
  return {
    connection: {
      host: url.hostname,
      port: Number(url.port || 6379),
      username: url.username || undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
      // rediss:// is Redis over TLS (what a production Redis should require; see the admin guide).
      ...(url.protocol === 'rediss:' ? { tls: { servername: url.hostname } } : {}),
      maxRetriesPerRequest: null,
    },
    prefix: queuePrefix(),
  };
}
