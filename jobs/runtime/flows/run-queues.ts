import { FlowProducer, Queue, type ConnectionOptions, type Job } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { QUEUES } from '../queues';

/**
 * An admin's look at the queues gives up when Redis is down instead of retrying for ever (the
 * worker's settings): `opsbot runs` then says the state is unknown rather than hanging.
 */
const giveUp = (times: number) => (times > 2 ? null : 200);
/**
 * With Sentinel, ioredis asks the sentinels again and again inside one connection attempt (its
 * default sentinelRetryStrategy never gives up), so retryStrategy alone would never be reached:
 * both are bounded.
 */
const FAIL_FAST: RedisOptions = { maxRetriesPerRequest: 1, connectTimeout: 5_000, retryStrategy: giveUp, sentinelRetryStrategy: giveUp };

/** Where a run's flow is queued: this deployment's queues, or those of a fixture world. */
export interface LocatedFlow {
  prefix: string;
  /** Set when the flow is in a fixture world's namespace (`<base>:world-<id>`, see queue-namespace.ts). */
  world?: string;
  reports: Queue;
  flows: FlowProducer;
  build: Job;
}

/**
 * Finds the build job of a run in any queue namespace of this Redis. A process serving its own
 * fixture world (`--with-fixtures`) queues its runs under `<base>:world-<id>`; its worker is the
 * only one that takes them, and a world id is never used again, so a world whose workers are all
 * gone holds jobs nothing will ever finish.
 */
export class RunQueues {
  private readonly opened = new Map<string, { reports: Queue; flows: FlowProducer }>();
  private scanner: Redis | undefined;

  /**
   * @param base the deployment's queue prefix (config `queuePrefix`)
   * @param authoritative false when this process's Redis is not the deployment's (a private one,
   *   because another opsbot process holds the shared one): a missing job then proves nothing
   */
  private readonly connection: RedisOptions;

  constructor(
    connection: ConnectionOptions,
    readonly base: string,
    readonly authoritative = true,
    readonly notAuthoritativeWhy?: string,
  ) {
    this.connection = { ...(connection as RedisOptions), ...FAIL_FAST };
  }

  queuesOf(prefix: string): { reports: Queue; flows: FlowProducer } {
    let q = this.opened.get(prefix);
    if (!q) {
      const connection = this.connection as ConnectionOptions;
      q = { reports: new Queue(QUEUES.reports, { connection, prefix }), flows: new FlowProducer({ connection, prefix }) };
      // A refused connection rejects the call that needed it; the event itself is not news.
      q.reports.on('error', () => undefined);
      q.flows.on('error', () => undefined);
      this.opened.set(prefix, q);
    }
    return q;
  }

  async locate(runId: string): Promise<LocatedFlow | undefined> {
    const own = this.queuesOf(this.base);
    const build = await own.reports.getJob(runId);
    if (build) return { prefix: this.base, ...own, build };
    const redis = (this.scanner ??= new Redis(this.connection).on('error', () => undefined));
    const pattern = `${glob(this.base)}:world-*:${QUEUES.reports}:${glob(runId)}`;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const prefix = key.slice(0, -`:${QUEUES.reports}:${runId}`.length);
        const world = /:world-([^:]+)$/.exec(prefix)?.[1];
        const q = this.queuesOf(prefix);
        const job = await q.reports.getJob(runId);
        if (job && world) return { prefix, world, ...q, build: job };
      }
    } while (cursor !== '0');
    return undefined;
  }

  /** Is any worker connected to this namespace's build queue? (CLIENT LIST; unknown where Redis refuses it.) */
  async hasWorkers(prefix: string): Promise<boolean | undefined> {
    try {
      return (await this.queuesOf(prefix).reports.getWorkersCount()) > 0;
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    for (const q of this.opened.values()) {
      await q.flows.close();
      await q.reports.close();
    }
    this.opened.clear();
    this.scanner?.disconnect();
    this.scanner = undefined;
  }
}

function glob(s: string): string {
  return s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
