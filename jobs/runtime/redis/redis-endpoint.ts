// BullMQ's type of connection options (ioredis's, as BullMQ's Queue, Worker and FlowProducer accept them).
import type { RedisOptions } from 'bullmq';

/** One sentinel's address. */
export interface SentinelAddress {
  host: string;
  port: number;
}

/** A Redis reached through Sentinel: the sentinels name the current primary of `name`. */
export interface SentinelEndpoint {
  sentinels: SentinelAddress[];
  /** The primary's name in the sentinels' configuration (`sentinel monitor <name> …`). */
  name: string;
  /** The sentinels' own password, when they have one. */
  sentinelPassword?: string;
  /** The Redis servers' password (primary and replicas share it). */
  password?: string;
}

/** Where a process's Redis is: a URL (`redis://`, `rediss://`) or a set of sentinels. */
export type RedisEndpoint = string | SentinelEndpoint;

/** Is this a Sentinel endpoint (not a URL)? */
export function isSentinelEndpoint(endpoint: RedisEndpoint): endpoint is SentinelEndpoint {
  return typeof endpoint !== 'string';
}

/**
 * The one factory of connection options: every client opsbot makes (BullMQ queues, workers, flow
 * producers, QueueEvents, locks, the dashboard) is built from what this returns, so a URL and
 * Sentinel behave the same everywhere. `maxRetriesPerRequest: null` is what BullMQ requires of a
 * worker's connection: a command waits for Redis to come back instead of failing the job.
 */
export function redisClientOptions(endpoint: RedisEndpoint): RedisOptions {
  return isSentinelEndpoint(endpoint) ? sentinelOptions(endpoint) : urlOptions(endpoint);
}

/** The endpoint for messages: addresses only, never a password. */
export function describeRedisEndpoint(endpoint: RedisEndpoint): string {
  if (!isSentinelEndpoint(endpoint)) {
    const url = new URL(endpoint);
    return `${url.protocol}//${url.host}${url.pathname.length > 1 ? url.pathname : ''}`;
  }
  return `Sentinel ${endpoint.name} via ${endpoint.sentinels.map((s) => `${s.host}:${s.port}`).join(',')}`;
}

function urlOptions(redisUrl: string): RedisOptions {
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

function sentinelOptions(s: SentinelEndpoint): RedisOptions {
  return {
    sentinels: s.sentinels.map(({ host, port }) => ({ host, port })),
    name: s.name,
    ...(s.sentinelPassword ? { sentinelPassword: s.sentinelPassword } : {}),
    ...(s.password ? { password: s.password } : {}),
    maxRetriesPerRequest: null,
    // Listen to the sentinels' +switch-master: a client moves to the new primary as soon as they
    // agree, not only when its socket to the old one breaks.
    failoverDetector: true,
    // A client still on a demoted primary (now a replica) gets READONLY for a write: reconnect
    // (asking the sentinels again) and resend the command.
    reconnectOnError: (err: Error) => (err.message.startsWith('READONLY') ? 2 : false),
  };
}
