import { Queue } from 'bullmq';
import { z } from 'zod';
import { QUEUES, type RedisConnection } from '../queues';

/** Queue of schedule fires: BullMQ's job schedulers put one job here per fire; workers process it. */
export const TRIGGER_QUEUE = 'triggers';

/** Every opsbot queue (for the dashboard and housekeeping). */
export const ALL_QUEUES = [TRIGGER_QUEUE, ...Object.values(QUEUES)] as const;

/**
 * The payload of a fire: only which job; the fire time is the job's scheduled time (`opts.prevMillis`).
 * Strict, like the other payloads (queues/payloads.ts): the trigger worker refuses anything else.
 */
export const TriggerPayload = z.strictObject({
  job: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'expected a job id (kebab-case)'),
  /** Set when a missed fire is replayed on recovery (then there is no BullMQ scheduled time). */
  fireAt: z.number().int().min(0).optional(),
});
export type TriggerPayload = z.infer<typeof TriggerPayload>;

export function openTriggerQueue(redis: Pick<RedisConnection, 'connection' | 'prefix'>): Queue<TriggerPayload> {
  return new Queue<TriggerPayload>(TRIGGER_QUEUE, { connection: redis.connection, prefix: redis.prefix });
}
