import type { Redis } from 'ioredis';
import { appendAudit } from '../audit';
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

/**
 * The schedules in force (the jobs' declared ones + admin overrides in Redis) and the admin's
 * changes to them. Every change is validated first, then stored, then appended to the audit log
 * with the schedule before and after.
 */
export class ScheduleBook {
  private readonly overrides: ScheduleOverrides;

  /** @param schedules the jobs' declared schedules (`schedulesOf(jobs)`) */
  constructor(redis: Redis, prefix: string, private readonly auditLog: string, private readonly schedules: readonly ScheduleDefinition[]) {
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
    if (next) await this.overrides.set(job, next);
    else await this.overrides.delete(job);
    const after = effectiveSchedule(def, next);
    await appendAudit(this.auditLog, { who, action: `schedule ${change.action}`, subject: job, before: summary(before), after: summary(after) }, now);
    return { before, after };
  }
}

/** What the audit log keeps of a schedule: the fields an admin can change. */
function summary(s: EffectiveSchedule) {
  return { cron: s.cron, tz: s.tz, paused: s.paused, overridden: s.overridden };
}
