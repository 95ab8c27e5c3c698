import type { Redis } from 'ioredis';
import { z } from 'zod';

/** What an admin changed; absent fields keep the code default. */
export const ScheduleOverride = z.object({
  cron: z.string().optional(),
  tz: z.string().optional(),
  paused: z.boolean().optional(),
  changedBy: z.string().optional(),
  changedAt: z.string().optional(),
});
export type ScheduleOverride = z.infer<typeof ScheduleOverride>;

/**
 * Admin overrides live in one Redis hash (job → JSON) beside the queues, so every scheduler and
 * CLI sharing the Redis sees the same and a restart changes nothing. Reset deletes the field.
 */
export class ScheduleOverrides {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  private get key(): string {
    return `${this.prefix}:schedule-overrides`;
  }

  async get(job: string): Promise<ScheduleOverride | undefined> {
    const raw = await this.redis.hget(this.key, job);
    return raw ? parse(job, raw) : undefined;
  }

  async all(): Promise<Map<string, ScheduleOverride>> {
    const raw = await this.redis.hgetall(this.key);
    return new Map(Object.entries(raw).map(([job, v]) => [job, parse(job, v)]));
  }

  async set(job: string, override: ScheduleOverride): Promise<void> {
    await this.redis.hset(this.key, job, JSON.stringify(ScheduleOverride.parse(override)));
  }

  async delete(job: string): Promise<void> {
    await this.redis.hdel(this.key, job);
  }
}

function parse(job: string, raw: string): ScheduleOverride {
  const r = ScheduleOverride.safeParse(JSON.parse(raw));
  if (!r.success) throw new Error(`schedule override of ${job} in Redis is malformed: ${r.error.issues[0]?.message}`);
  return r.data;
}
