import type { Redis } from 'ioredis';
import type { AuditedChange } from '../audit/audited-change';
import { assertTimeZone } from '../calendar';
import { validateCron } from './cron-expression';
import { effectiveSchedule, type EffectiveSchedule } from './effective-schedule';
import { scheduleDefinition, type ScheduleDefinition } from './schedule-definitions';
import { ScheduleOverrides, type ScheduleOverride } from './schedule-overrides';

export type ScheduleChange =
  | { action: 'set'; cron: string; tz?: string }
  | { action: 'pause' }
  | { action: 'resume' }
  | { action: 'reset' };

/** The audit's action for each change (review-workbench.md, Audit); a reset sets the code's default again. */
const AUDIT_ACTIONS = { set: 'schedule.set', reset: 'schedule.set', pause: 'schedule.paused', resume: 'schedule.resumed' } as const;

/**
 * The schedules in force (the jobs' declared ones + admin overrides in Redis) and the admin's
 * changes to them. Every change is validated first, then stored in Redis inside the audit
 * table's transaction with the schedule before and after (`audit`): no change without its row.
 * A book without `audit` (the scheduler's: it only reads) refuses to change anything.
 */
export class ScheduleBook {
  private readonly overrides: ScheduleOverrides;

  /** @param schedules the jobs' declared schedules (`schedulesOf(jobs)`) */
  constructor(redis: Redis, prefix: string, private readonly schedules: readonly ScheduleDefinition[], private readonly audit?: AuditedChange) {
    this.overrides = new ScheduleOverrides(redis, prefix);
  }

  async all(): Promise<EffectiveSchedule[]> {
    const overrides = await this.overrides.all();
    return this.schedules.map((def) => effectiveSchedule(def, overrides.get(def.job)));
  }

  async get(job: string): Promise<EffectiveSchedule> {
    return effectiveSchedule(scheduleDefinition(this.schedules, job), await this.overrides.get(job));
  }

  async change(job: string, change: ScheduleChange, who: string, now = new Date()): Promise<{ before: EffectiveSchedule; after: EffectiveSchedule }> {
    const audit = this.audit;
    if (!audit) throw new Error('this schedule book only reads: changes need the audit (a ScheduleBook made with auditedChange(db))');
    const def = scheduleDefinition(this.schedules, job);
    const current = (await this.overrides.get(job)) ?? {};
    const stamp = { changedBy: who, changedAt: now.toISOString() };
    let next: ScheduleOverride | undefined;
    switch (change.action) {
      case 'set':
        next = { ...current, ...stamp, cron: validateCron(change.cron), ...(change.tz ? { tz: assertTimeZone(change.tz) } : {}) };
        break;
      case 'pause':
        next = { ...current, ...stamp, paused: true };
        break;
      case 'resume':
        next = { ...current, ...stamp, paused: false };
        break;
      case 'reset':
        next = undefined;
        break;
    }
    const before = effectiveSchedule(def, current);
    const after = effectiveSchedule(def, next);
    const entry = { actor: who, action: AUDIT_ACTIONS[change.action], subject: `schedule:${job}`, before: summary(before), after: summary(after) };
    await audit(entry, () => (next ? this.overrides.set(job, next) : this.overrides.delete(job)));
    return { before, after };
  }
}

/** What the audit keeps of a schedule: the fields an admin can change. */
function summary(s: EffectiveSchedule) {
  return { cron: s.cron, tz: s.tz, paused: s.paused, overridden: s.overridden };
}
