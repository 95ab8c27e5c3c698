import cron, { type ScheduledTask } from 'node-cron';
import { isWorkingDay, todayInShanghai } from '../../runtime/calendar';
import { mailTransport } from '../../runtime/delivery';
import { sendSlaDigest, type SlaDigestDeps } from './send-sla-digest';

/**
 * The digest's entry in `opsbot scheduler` (scripts/cli/actions/scheduler.ts composes it): node-cron
 * in the scheduler process, like housekeeping, on OPSBOT_SLA_DIGEST_CRON in Asia/Shanghai, on
 * working days only. Not a job of jobs/index.ts: a digest extracts nothing, has no data date and no
 * run folder, and its once-per-day guarantee lives in the database (sla_digests), so every
 * scheduler on every host may tick it.
 */
export function startSlaDigest(deps: Omit<SlaDigestDeps, 'transport'>, now: () => Date = () => new Date()): ScheduledTask {
  const expr = deps.config.slaDigestCron;
  if (!cron.validate(expr)) throw new Error(`OPSBOT_SLA_DIGEST_CRON ${JSON.stringify(expr)} is not a cron expression`);
  const log = deps.log.child({ component: 'sla-digest' });
  return cron.schedule(expr, async () => {
    const day = todayInShanghai(now());
    if (!isWorkingDay(day)) return;
    const transport = mailTransport(deps.config);
    try {
      await sendSlaDigest({ ...deps, transport }, day);
    } catch (err) {
      log.error({ err: (err as Error).message }, 'SLA digest not fully delivered');
    } finally {
      transport?.close();
    }
  }, { timezone: 'Asia/Shanghai', name: 'opsbot-sla-digest', noOverlap: true });
}
