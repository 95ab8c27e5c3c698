import type { Redis } from 'ioredis';
import { raiseAlert } from '../alerts';
import { mailTransport, RedisLedger } from '../delivery';
import { triggerRun } from '../flows';
import type { RuntimeDeps } from '../runtime-deps';
import { ScheduleBook, schedulesOf } from '../schedules';
import { FireRecord } from './fire-record';
import type { FireDeps } from './handle-fire';

/**
 * The real dependencies of fire handling, from what the process was handed (tests build their
 * own). `redis` is a connection of the caller's, for the schedule book, fire records and ledger.
 */
export function fireDeps(deps: RuntimeDeps, redis: Redis): FireDeps {
  const { config: cfg, jobs, store } = deps;
  const { prefix } = deps.redis;
  const log = deps.log.child({ component: 'scheduler' });
  return {
    book: new ScheduleBook(redis, prefix, schedulesOf(jobs)),
    fires: new FireRecord(redis, prefix),
    jobExists: (job) => jobs.has(job),
    runExists: async (job, date) => (await store.revisions(job, date)).length > 0,
    trigger: (job, date) => triggerRun(deps, { job, date }),
    alert: async (alert) => {
      const transport = mailTransport(cfg);
      try {
        return await raiseAlert(alert, { cfg, transport, ledger: new RedisLedger(redis, prefix), log });
      } finally {
        transport?.close();
      }
    },
    log,
    now: () => new Date(),
  };
}
