import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import { runtimePaths, type Config } from '../config';
import { pruneRuns } from './prune-runs';

/** Daily at 03:15 Shanghai time: after the night jobs, before the morning report. */
export const HOUSEKEEPING_CRON = '15 3 * * *';

/**
 * Housekeeping in the scheduler process, on node-cron (in-process: pruning is idempotent, so two
 * schedulers pruning the same shared run store at once only find less to remove).
 */
export function startHousekeeping(deps: { config: Config; log: Logger }, expr = HOUSEKEEPING_CRON): ScheduledTask {
  const { config: cfg, log } = deps;
  return cron.schedule(expr, async () => {
    const r = await pruneRuns(runtimePaths(cfg).runsDir, { retentionDays: cfg.retentionDays, failedRetentionDays: cfg.failedRetentionDays });
    log.info({ removed: r.removed.length, kept: r.kept, unreadable: r.unreadable }, 'housekeeping: old run folders pruned');
  }, { timezone: 'Asia/Shanghai', name: 'opsbot-housekeeping', noOverlap: true });
}
