import { startHousekeeping } from '../housekeeping';
import { openRedis } from '../queues';
import type { RuntimeDeps } from '../runtime-deps';
import { refuseRedisCluster } from '../worker/start-checks';
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
 * `opsbot scheduler`: keeps the schedules in force (the jobs' declared ones + admin overrides) in
 * BullMQ's job schedulers, recovers fires missed while nothing was up, and runs housekeeping. It
 * fires nothing itself — BullMQ does — so running it on several machines is safe.
 */
export async function startScheduler(deps: RuntimeDeps, opts: { resyncMs?: number } = {}): Promise<RunningScheduler> {
  const log = deps.log.child({ component: 'scheduler' });
  // Refused before any schedule is written: BullMQ's flows cannot live on a Redis Cluster.
  await refuseRedisCluster(deps.redis);
  const redis = openRedis(deps.redis);
  const queue = openTriggerQueue(deps.redis);
  const fires = fireDeps(deps, redis);
  const sync = async () => applySchedules(queue, await fires.book.all());
  const applied = await sync();
  log.info({ applied }, 'schedules applied');
  const recovered = await recoverMissedFires(fires);
  for (const r of recovered) log.info({ job: r.job, fireAt: r.fireAt.toISOString(), ...r.result }, 'missed fire handled');
  const timer = setInterval(() => void sync().catch((err: unknown) => log.error({ err: (err as Error).message }, 'schedule sync failed')), opts.resyncMs ?? RESYNC_MS);
  const housekeeping = startHousekeeping({ config: deps.config, log });
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
