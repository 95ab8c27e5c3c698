import { Redis } from 'ioredis';
import { config, runtimePaths } from '../config';
import { startEmbeddedRedis, type EmbeddedRedis } from './embedded-redis';

let embedded: EmbeddedRedis | undefined;
let url: string | undefined;

/**
 * The Redis URL for this process: REDIS_URL when set (nothing is started), otherwise a private
 * redis-server started on first use and stopped by `stopRedis()` or when the process exits.
 */
export async function redisUrl(): Promise<string> {
  if (url) return url;
  const cfg = config();
  if (cfg.redisUrl) return (url = cfg.redisUrl);
  embedded = await startEmbeddedRedis(runtimePaths(cfg).redisDir, {
    // Without its Redis a command can only hang; say why and stop (the run can be resumed or forced).
    onUnexpectedExit: (why) => {
      console.error(`opsbot: the private Redis stopped unexpectedly — ${why}. Stopping.`);
      process.exit(1);
    },
  });
  return (url = embedded.url);
}

/** A new ioredis connection with the settings BullMQ workers require. */
export async function createRedis(): Promise<Redis> {
  return new Redis(await redisUrl(), { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/** Was a private Redis started by this process? (for messages and tests) */
export function embeddedRedis(): EmbeddedRedis | undefined {
  return embedded;
}

export async function stopRedis(): Promise<void> {
  const e = embedded;
  embedded = undefined;
  url = undefined;
  await e?.stop();
}
