import type { Logger } from 'pino';
import { config, runtimePaths } from '../config';
import { startHousekeeping } from '../housekeeping';
import { bullConnection } from '../queues';
import { createRedis } from '../redis';
import { ScheduleBook } from '../schedules';
import { applySchedules } from './apply-schedules';
import { fireDeps } from './fire-deps';
import { recoverMissedFires } from './recover-missed';
import { openTriggerQueue } from './trigger-queue';

/** Re-applying every minute spreads an admin's change made on another machine, and heals a flushed Redis. */
const RESYNC_MS = 60_000;

export interface RunningScheduler {
  applied: Record<string, 'upserted' | 'removed'>;
  close(): Promise<void>;
}

/**
 * `opsbot scheduler`: keeps the schedules in force (code defaults + admin overrides) in BullMQ's job
 * schedulers, recovers fires missed while nothing was up, and runs housekeeping. It fires nothing
 * itself — BullMQ does — so running it on several machines is safe.
 */
export async function startScheduler(log: Logger, opts: { resyncMs?: number } = {}): Promise<RunningScheduler> {
  const { prefix } = await bullConnection();
  const redis = await createRedis();
  const queue = await openTriggerQueue();
  const book = new ScheduleBook(redis, prefix, runtimePaths(config()).auditLog);
  const sync = async () => applySchedules(queue, await book.all());
  const applied = await sync();
  log.info({ applied }, 'schedules applied');
  const recovered = await recoverMissedFires(fireDeps(redis, prefix, log));
  for (const r of recovered) log.info({ job: r.job, fireAt: r.fireAt.toISOString(), ...r.result }, 'missed fire handled');
  const timer = setInterval(() => void sync().catch((err: unknown) => log.error({ err: (err as Error).message }, 'schedule sync failed')), opts.resyncMs ?? RESYNC_MS);
  const housekeeping = startHousekeeping(log);
  return {
    applied,
    close: async () => {
      clearInterval(timer);
      await housekeeping.destroy();
      await queue.close();
      redis.disconnect();
    },
  };
}
