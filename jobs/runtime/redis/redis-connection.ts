import { startEmbeddedRedis, type EmbeddedRedis } from './embedded-redis';

export interface RedisServerOptions {
  /** The deployment's Redis (config `redisUrl`, REDIS_URL); then nothing is started. */
  url?: string;
  /** Where a private redis-server keeps its data (`var/redis`). */
  dataDir: string;
  /** Called when the private redis-server ends without being asked to. */
  onUnexpectedExit?: (why: string) => void;
}

/**
 * A process's Redis: REDIS_URL when set (nothing is started), otherwise a private redis-server
 * started on first use (`url()`) and stopped by `stop()` or when the process exits. The composition
 * root (scripts/app) keeps one per process and hands its URL on; nothing here is module state.
 */
export class RedisServer {
  private embedded: Promise<EmbeddedRedis> | undefined;
  private started: EmbeddedRedis | undefined;

  constructor(private readonly opts: RedisServerOptions) {}

  /** The URL to connect to, starting the private server the first time it is asked for. */
  async url(): Promise<string> {
    if (this.opts.url) return this.opts.url;
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
