import { Redis, type RedisOptions } from 'ioredis';
import { clusterRefusal } from '../redis/cluster-refusal';
import { fail, firstLine, pass, within, type CheckResult } from './check-result';

/** BullMQ refuses below 5.0.0 and its production guide asks for 6.2 or newer (the commands its scripts use). */
const MIN_VERSION = [6, 2, 0];
/** Delays, schedules and stalled-job detection compare this host's clock with the others': more than this apart is wrong. */
export const MAX_CLOCK_SKEW_MS = 1_000;
const TIMEOUT_MS = 8_000;

/** A client that gives up (a doctor reports an unreachable Redis, it does not wait for it). */
export function doctorRedis(connection: RedisOptions): Redis {
  const bounded = (times: number) => (times > 2 ? null : 200);
  return new Redis({ ...connection, lazyConnect: true, connectTimeout: 5_000, maxRetriesPerRequest: 1, retryStrategy: bounded, sentinelRetryStrategy: bounded, reconnectOnError: undefined }).on('error', () => undefined);
}

function field(info: string, name: string): string | undefined {
  return new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
}

function versionBelow(version: string, min: number[]): boolean {
  const parts = version.split('.').map(Number);
  for (let i = 0; i < min.length; i++) {
    if ((parts[i] ?? 0) !== min[i]) return (parts[i] ?? 0) < min[i]!;
  }
  return false;
}

/**
 * Redis reachable, version, not a cluster, `maxmemory-policy noeviction`, AOF on, and this host's
 * clock against Redis's TIME. Reads INFO (CONFIG may be renamed away on a managed Redis). When
 * Redis cannot be reached the others are failures that say so. `client` is connected here and
 * left open for the run-store check; the caller disconnects it.
 */
export async function redisChecks(client: Redis, where: string): Promise<CheckResult[]> {
  try {
    await within(TIMEOUT_MS, where, client.connect().then(() => client.ping()));
  } catch (err) {
    const why = `${where}: ${firstLine(err)}`;
    const fixFirst = 'make Redis reachable first (see "redis reachable")';
    return [
      fail('redis reachable', why, 'start Redis, or correct REDIS_URL / REDIS_SENTINELS and REDIS_SENTINEL_NAME (and REDIS_PASSWORD); check the firewall'),
      ...['redis version', 'redis maxmemory-policy', 'redis AOF', 'clock vs Redis'].map((c) => fail(c, 'not checked: Redis unreachable', fixFirst)),
    ];
  }
  const info = await within(TIMEOUT_MS, where, client.info());
  const version = field(info, 'redis_version') ?? 'unknown';
  const out: CheckResult[] = [];
  const cluster = clusterRefusal(info, where);
  out.push(cluster ? fail('redis reachable', cluster, 'use one Redis primary with replicas behind Sentinel (REDIS_SENTINELS)') : pass('redis reachable', `${where} answers PING`));
  out.push(versionBelow(version, MIN_VERSION)
    ? fail('redis version', `${version} is older than ${MIN_VERSION.join('.')}`, `upgrade Redis to ${MIN_VERSION.join('.')} or newer (BullMQ's production guide)`)
    : pass('redis version', version));
  const policy = field(info, 'maxmemory_policy') ?? 'unknown';
  out.push(policy === 'noeviction'
    ? pass('redis maxmemory-policy', 'noeviction')
    : fail('redis maxmemory-policy', `is ${policy}: Redis may evict queue keys under memory pressure and jobs vanish`, 'set "maxmemory-policy noeviction" in redis.conf (and CONFIG SET maxmemory-policy noeviction on the running server)'));
  const aof = field(info, 'aof_enabled');
  out.push(aof === '1'
    ? pass('redis AOF', 'appendonly yes')
    : fail('redis AOF', 'appendonly is off: a Redis restart loses every job queued since the last snapshot', 'set "appendonly yes" and "appendfsync everysec" in redis.conf (CONFIG SET appendonly yes on the running server)'));
  out.push(await clockCheck(client, where));
  return out;
}

/** This host's clock against Redis's TIME, the round trip halved. */
async function clockCheck(client: Redis, where: string): Promise<CheckResult> {
  const before = Date.now();
  const [sec, usec] = await within(TIMEOUT_MS, where, client.time());
  const after = Date.now();
  const redisMs = Number(sec) * 1000 + Number(usec) / 1000;
  const skew = redisMs - (before + after) / 2;
  const text = `this host is ${Math.abs(skew).toFixed(0)} ms ${skew > 0 ? 'behind' : 'ahead of'} Redis (round trip ${after - before} ms)`;
  return Math.abs(skew) <= MAX_CLOCK_SKEW_MS
    ? pass('clock vs Redis', text)
    : fail('clock vs Redis', `${text}; more than ${MAX_CLOCK_SKEW_MS} ms apart`, 'run NTP (chrony or systemd-timesyncd) on this host and on the Redis host');
}
