import { startEmbeddedRedis, type EmbeddedRedis } from './embedded-redis';
import type { RedisEndpoint, SentinelEndpoint } from './redis-endpoint';

export interface RedisServerOptions {
  /** The deployment's Redis (config `redisUrl`, REDIS_URL); then nothing is started. */
  url?: string;
  /** The deployment's Redis behind Sentinel (REDIS_SENTINELS, REDIS_SENTINEL_NAME); then nothing is started. */
  sentinel?: SentinelEndpoint;
  /** REDIS_PASSWORD: used with `url` when the URL carries no password of its own. */
  password?: string;
  /** Where a private redis-server keeps its data (`var/redis`). */
  dataDir: string;
  /** Called when the private redis-server ends without being asked to. */
  onUnexpectedExit?: (why: string) => void;
}

/**
 * A process's Redis: the sentinels or REDIS_URL when set (nothing is started), otherwise a private
 * redis-server started on first use (`endpoint()`) and stopped by `stop()` or when the process
 * exits. The composition root (scripts/app) keeps one per process and hands its endpoint on;
 * nothing here is module state.
 */
export class RedisServer {
  private embedded: Promise<EmbeddedRedis> | undefined;
  private started: EmbeddedRedis | undefined;

  constructor(private readonly opts: RedisServerOptions) {}

  /** Where to connect, starting the private server the first time it is asked for. */
  async endpoint(): Promise<RedisEndpoint> {
    if (this.opts.sentinel) return this.opts.sentinel;
    if (this.opts.url) return withPassword(this.opts.url, this.opts.password);
    const starting = (this.embedded ??= startEmbeddedRedis(this.opts.dataDir, { onUnexpectedExit: this.opts.onUnexpectedExit }));
    try {
      this.started = await starting;
    } catch (err) {
      // A failed start is not kept: the next call tries again.
      if (this.embedded === starting) this.embedded = undefined;
      throw err;
    }
    return this.started.url;
  }

  /** The private server, once started (for messages: its address without the password). */
  embeddedServer(): EmbeddedRedis | undefined {
    return this.started;
  }

  async stop(): Promise<void> {
    const starting = this.embedded;
    this.embedded = undefined;
    this.started = undefined;
    await (await starting?.catch(() => undefined))?.stop();
  }
}

/** The URL with `password` in it when it has none of its own (REDIS_URL plus REDIS_PASSWORD). */
function withPassword(url: string, password: string | undefined): string {
  const parsed = new URL(url);
  if (!password || parsed.password) return url;
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}
