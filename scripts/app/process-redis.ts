import { runtimePaths, type Config } from '../../jobs/runtime/config';
import { RedisServer, type SentinelEndpoint } from '../../jobs/runtime/redis';

let server: RedisServer | undefined;

/**
 * This process's Redis: the sentinels (REDIS_SENTINELS), REDIS_URL, or one private redis-server for
 * the whole command, started the first time an endpoint is asked for
 * (`await processRedis(cfg).endpoint()`) and stopped at shutdown.
 */
export function processRedis(cfg: Config): RedisServer {
  server ??= new RedisServer({
    url: cfg.redisUrl,
    sentinel: sentinelOf(cfg),
    password: cfg.redisPassword,
    dataDir: runtimePaths(cfg).redisDir,
    // Without its Redis a command can only hang; say why and stop (the run can be resumed or forced).
    onUnexpectedExit: (why) => {
      console.error(`opsbot: the private Redis stopped unexpectedly — ${why}. Stopping.`);
      process.exit(1);
    },
  });
  return server;
}

/** The Sentinel endpoint of the config, when REDIS_SENTINELS is set (the schema requires the name with it). */
export function sentinelOf(cfg: Config): SentinelEndpoint | undefined {
  if (!cfg.redisSentinels || !cfg.redisSentinelName) return undefined;
  return {
    sentinels: cfg.redisSentinels,
    name: cfg.redisSentinelName,
    sentinelPassword: cfg.redisSentinelPassword,
    password: cfg.redisPassword,
  };
}

/** The private redis-server this process started, if any (for messages; its URL holds a password). */
export function startedPrivateRedis() {
  return server?.embeddedServer();
}

/** Stops the private redis-server, if this process started one. */
export async function stopProcessRedis(): Promise<void> {
  const s = server;
  server = undefined;
  await s?.stop();
}
