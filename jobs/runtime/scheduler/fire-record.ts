import type { Redis } from 'ioredis';

/**
 * Per job, the latest fire time handled (a sorted set, score = ms). Missed-fire recovery looks at
 * the fires after it; a job without an entry has never been scheduled, so nothing before "now"
 * counts as missed (a fresh install does not alert about last week).
 */
export class FireRecord {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  private get key(): string {
    return `${this.prefix}:schedule-last-fire`;
  }

  async last(job: string): Promise<Date | undefined> {
    const score = await this.redis.zscore(this.key, job);
    return score === null ? undefined : new Date(Number(score));
  }

  /** Records a fire; never moves backwards (ZADD GT), whatever order instances report in. */
  async handled(job: string, at: Date): Promise<void> {
    await this.redis.zadd(this.key, 'GT', at.getTime(), job);
  }

  /** Marks the start of scheduling for a job, unless it has a history already. */
  async startIfNew(job: string, now: Date): Promise<void> {
    await this.redis.zadd(this.key, 'NX', now.getTime(), job);
  }

  /** Claims one fire so that exactly one instance handles it (BullMQ's job and recovery may both see it). */
  async claim(job: string, at: Date): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}:fire-claim:${job}:${at.getTime()}`, String(process.pid), 'EX', 30 * 86_400, 'NX')) === 'OK';
  }

  async unclaim(job: string, at: Date): Promise<void> {
    await this.redis.del(`${this.prefix}:fire-claim:${job}:${at.getTime()}`);
  }
}
