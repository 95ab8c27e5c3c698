import type { ScheduleDefinition } from './schedule-definitions';
import type { ScheduleOverride } from './schedule-overrides';

/** A schedule as it is in force: the code default with the admin's override on top. */
export interface EffectiveSchedule extends ScheduleDefinition {
  paused: boolean;
  /** Which fields come from an admin override (empty: the code default as declared). */
  overridden: ('cron' | 'tz' | 'paused')[];
  changedBy?: string;
  changedAt?: string;
}

export function effectiveSchedule(def: ScheduleDefinition, override: ScheduleOverride | undefined): EffectiveSchedule {
  const o = override ?? {};
  const overridden = (['cron', 'tz', 'paused'] as const).filter((k) => o[k] !== undefined);
  return {
    ...def,
    cron: o.cron ?? def.cron,
    tz: o.tz ?? def.tz,
    paused: o.paused ?? false,
    overridden,
    changedBy: o.changedBy,
    changedAt: o.changedAt,
  };
}
