import type { Logger } from 'pino';
import type { Alert } from '../alerts';
import { CalendarDataMissingError, isoInZone } from '../calendar';
import { decideFire, type ScheduleBook } from '../schedules';
import type { FireRecord } from './fire-record';

export interface FireDeps {
  book: ScheduleBook;
  fires: FireRecord;
  /** Is this job registered (has code to run)? */
  jobExists: (job: string) => boolean;
  /** Has (job, date) a run already, finished or in progress? */
  runExists: (job: string, date: string) => Promise<boolean>;
  trigger: (job: string, date: string) => Promise<{ runId: string; reused: boolean }>;
  alert: (alert: Alert) => Promise<unknown>;
  log: Logger;
  now: () => Date;
}

export type FireOutcome =
  | { outcome: 'already-handled' | 'paused' }
  | { outcome: 'closed'; localDate: string }
  | { outcome: 'triggered'; dataDate: string; runId: string; reused: boolean }
  | { outcome: 'skipped-late'; dataDate: string }
  | { outcome: 'already-ran'; dataDate: string }
  | { outcome: 'alerted'; reason: string };

/**
 * Handles one fire of a schedule, exactly once however many instances see it (BullMQ's trigger job,
 * recovery on start): the calendar decides, then the run is triggered for its data date, or — when
 * the fire is found too late — skipped and alerted. triggerRun's lock and deterministic run ids
 * make even a racing manual `opsbot run` of the same date join the same run.
 */
export async function handleFire(job: string, fireAt: Date, deps: FireDeps): Promise<FireOutcome> {
  if (!(await deps.fires.claim(job, fireAt))) return { outcome: 'already-handled' };
  try {
    const schedule = await deps.book.get(job);
    await deps.fires.handled(job, fireAt);
    if (schedule.paused) return { outcome: 'paused' };
    const when = isoInZone(fireAt, schedule.tz);
    let d: ReturnType<typeof decideFire>;
    try {
      d = decideFire(schedule, fireAt, deps.now());
    } catch (err) {
      if (!(err instanceof CalendarDataMissingError)) throw err;
      await deps.alert({ key: `calendar-missing--${job}--${fireAt.getTime()}`, kind: 'calendar-missing', subject: `${job} ${when} 未运行: 缺少节假日数据`, text: err.message, evidence: [] });
      return { outcome: 'alerted', reason: err.message };
    }
    if (d.action === 'closed') return { outcome: 'closed', localDate: d.localDate };
    if (!deps.jobExists(job)) {
      const text = `schedule ${job} fired at ${when} but no job ${job} is registered in jobs/index.ts`;
      await deps.alert({ key: `job-unknown--${job}--${fireAt.getTime()}`, kind: 'job-unknown', subject: `${job} ${when} 未运行: 作业未注册`, text, evidence: [] });
      return { outcome: 'alerted', reason: text };
    }
    if (d.action === 'too-late') {
      if (await deps.runExists(job, d.dataDate)) return { outcome: 'already-ran', dataDate: d.dataDate };
      const hours = (d.lateByMs / 3_600_000).toFixed(1);
      const window = (schedule.catchUpMs / 3_600_000).toFixed(1);
      await deps.alert({
        key: `run-missed--${job}--${d.dataDate}`, kind: 'run-missed', evidence: [],
        subject: `${job} ${d.dataDate} 未运行 (错过 ${when})`,
        text: `计划于 ${when} 的运行 (数据日期 ${d.dataDate}) 在 ${hours} 小时后才被发现，超过补跑窗口 ${window} 小时，已跳过。\n需要时请手动运行: opsbot run ${job} --date ${d.dataDate}`,
      });
      deps.log.warn({ job, fireAt: when, dataDate: d.dataDate, lateHours: hours }, 'missed fire skipped (outside the catch-up window)');
      return { outcome: 'skipped-late', dataDate: d.dataDate };
    }
    const t = await deps.trigger(job, d.dataDate);
    deps.log.info({ job, fireAt: when, dataDate: d.dataDate, run: t.runId, reused: t.reused }, 'schedule fired');
    return { outcome: 'triggered', dataDate: d.dataDate, runId: t.runId, reused: t.reused };
  } catch (err) {
    // Nothing was decided: let the retry (or another instance) handle this fire.
    await deps.fires.unclaim(job, fireAt);
    throw err;
  }
}
