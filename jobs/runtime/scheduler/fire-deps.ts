import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { jobs } from '../../index';
import { raiseAlert } from '../alerts';
import { config, runtimePaths } from '../config';
import { mailTransport, RedisLedger } from '../delivery';
import { triggerRun } from '../flows';
import { runStoreFromConfig } from '../run-store';
import { ScheduleBook } from '../schedules';
import { FireRecord } from './fire-record';
import type { FireDeps } from './handle-fire';

/** The real dependencies of fire handling, from the process's config (tests build their own). */
export function fireDeps(redis: Redis, prefix: string, log: Logger): FireDeps {
  const cfg = config();
  return {
    book: new ScheduleBook(redis, prefix, runtimePaths(cfg).auditLog),
    fires: new FireRecord(redis, prefix),
    jobExists: (job) => jobs.has(job),
    runExists: async (job, date) => (await runStoreFromConfig().revisions(job, date)).length > 0,
    trigger: (job, date) => triggerRun({ job, date }),
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
