import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditedChange } from '../../../jobs/runtime/audit';
import { openRedis } from '../../../jobs/runtime/queues';
import { triggerRun } from '../../../jobs/runtime/flows';
import { applySchedules, fireDeps, FireRecord, recoverMissedFires, TRIGGER_QUEUE, type FireDeps } from '../../../jobs/runtime/scheduler';
import { ScheduleBook, schedulesOf } from '../../../jobs/runtime/schedules';
import { startTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { startTestRuntime, type TestRuntime } from '../../helpers/test-runtime';
import { mailText, startSmtpSink, type SmtpSink } from './support/smtp-sink';

const quiet = pino({ level: 'silent' });

describe('scheduler: job schedulers, overrides, missed fires — against a real Redis', () => {
  let rt: TestRuntime;
  let tdb: TestDatabase;
  let redis: Redis;
  let prefix: string;
  let smtp: SmtpSink;
  let queue: Queue;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    tdb = await startTestDatabase();
    rt = await startTestRuntime({ smtpHost: '127.0.0.1', smtpPort: smtp.port, adminRecipients: ['admin@bank.example'] });
    redis = openRedis(rt.deps.redis);
    ({ prefix } = rt.deps.redis);
    const { connection } = rt.deps.redis;
    queue = new Queue(TRIGGER_QUEUE, { connection, prefix });
  }, 120_000);
  afterAll(async () => {
    await queue.close();
    redis.disconnect();
    await smtp.stop();
    await rt.stop();
    await tdb.close();
  });

  // The jobs' own declared schedules (daily-ops-report's and annual-review-check's `schedule`).
  const schedules = () => schedulesOf(rt.deps.jobs);
  const book = () => new ScheduleBook(redis, prefix, schedules(), auditedChange(tdb.db));
  const depsAt = (now: string): FireDeps => ({ ...fireDeps({ ...rt.deps, log: quiet }, redis), now: () => new Date(now) });

  it('several schedulers applying at once leave one job scheduler per job and one pending fire', async () => {
    const schedules = await book().all();
    await Promise.all([1, 2, 3].map(() => applySchedules(queue as never, schedules)));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual(['annual-review-check', 'daily-ops-report']);
    expect(schedulers.find((s) => s.key === 'daily-ops-report')).toMatchObject({ pattern: '30 7 * * *', tz: 'Asia/Shanghai' });
    const delayed = await queue.getDelayed();
    expect(delayed.filter((j) => j.name === 'daily-ops-report')).toHaveLength(1);
  });

  it('an admin override is in Redis (a new process sees it), pausing removes the job scheduler, each change is audited', async () => {
    await book().change('daily-ops-report', { action: 'set', cron: '0 8 * * *' }, 'alice');
    await book().change('annual-review-check', { action: 'pause' }, 'bob');
    // A fresh book on a fresh connection = another process after a restart.
    const other = openRedis(rt.deps.redis);
    const after = await new ScheduleBook(other, prefix, schedules()).all();
    other.disconnect();
    expect(after.find((s) => s.job === 'daily-ops-report')).toMatchObject({ cron: '0 8 * * *', overridden: ['cron'], changedBy: 'alice' });
    await applySchedules(queue as never, after);
    expect((await queue.getJobSchedulers()).map((s) => [s.key, s.pattern])).toEqual([['daily-ops-report', '0 8 * * *']]);
    await book().change('daily-ops-report', { action: 'reset' }, 'alice');
    await book().change('annual-review-check', { action: 'resume' }, 'bob');
    expect((await book().get('daily-ops-report')).cron).toBe('30 7 * * *');
    // In the audit table, hash-chained with every other action (review-workbench.md, Audit); a reset sets the default again.
    const audit = await tdb.db.selectFrom('audit').selectAll().orderBy('id').execute();
    expect(audit.map((a) => [a.actor, a.action, a.subject])).toEqual([
      ['alice', 'schedule.set', 'schedule:daily-ops-report'], ['bob', 'schedule.paused', 'schedule:annual-review-check'],
      ['alice', 'schedule.set', 'schedule:daily-ops-report'], ['bob', 'schedule.resumed', 'schedule:annual-review-check'],
    ]);
    expect(audit[0]).toMatchObject({ before: { cron: '30 7 * * *' }, after: { cron: '0 8 * * *' } });
    expect(audit[2]).toMatchObject({ before: { cron: '0 8 * * *', overridden: ['cron'] }, after: { cron: '30 7 * * *', overridden: [] } });
    await expect(new ScheduleBook(redis, prefix, schedules()).change('daily-ops-report', { action: 'pause' }, 'eve')).rejects.toThrow(/only reads/);
    expect((await book().get('daily-ops-report')).paused).toBe(false);
  });

  it('missed fires: within the window run once (however many instances recover), older ones are skipped and alerted once', async () => {
    const fires = new FireRecord(redis, prefix);
    // Nothing ran since Friday 2026-10-09 08:00; it is Monday 2026-10-12 09:00 in Shanghai.
    await fires.handled('daily-ops-report', new Date('2026-10-09T08:00:00+08:00'));
    await fires.handled('annual-review-check', new Date('2026-10-12T02:00:01+08:00'));
    const now = '2026-10-12T09:00:00+08:00';
    const [a, b] = await Promise.all([recoverMissedFires(depsAt(now)), recoverMissedFires(depsAt(now))]);
    const all = [...a, ...b].filter((r) => r.job === 'daily-ops-report');
    const byFire = (iso: string) => all.filter((r) => r.fireAt.getTime() === Date.parse(iso)).map((r) => r.result.outcome).sort();
    // Sat 10/10 was a make-up working day: its 07:30 fire (data 10/09) is 49 h late → skipped + alerted.
    expect(byFire('2026-10-10T07:30:00+08:00')).toEqual(['already-handled', 'skipped-late']);
    expect(byFire('2026-10-11T07:30:00+08:00')).toEqual(['already-handled', 'closed']);
    // Mon 10/12 07:30 (data 10/10) is 1.5 h late → run, once.
    expect(byFire('2026-10-12T07:30:00+08:00')).toEqual(['already-handled', 'triggered']);
    expect(await rt.deps.store.revisions('daily-ops-report', '2026-10-10')).toEqual([{ revision: 1, finished: false }]);
    expect(await rt.deps.store.revisions('daily-ops-report', '2026-10-09')).toEqual([]);
    const alerts = smtp.mails.filter((m) => mailText(m).includes('2026-10-09'));
    expect(alerts).toHaveLength(1);
    expect(mailText(alerts[0]!)).toContain('opsbot run daily-ops-report --date 2026-10-09');
    // A second recovery later finds nothing new.
    const again = await recoverMissedFires(depsAt('2026-10-12T09:05:00+08:00'));
    expect(again.filter((r) => r.job === 'daily-ops-report')).toEqual([]);
  });

  it('a fresh install does not count last week as missed', async () => {
    await redis.zrem(`${prefix}:schedule-last-fire`, 'annual-review-check');
    const r = await recoverMissedFires(depsAt('2026-10-20T09:00:00+08:00'));
    expect(r.filter((x) => x.job === 'annual-review-check')).toEqual([]);
    expect((await new FireRecord(redis, prefix).last('annual-review-check'))?.toISOString()).toBe('2026-10-20T01:00:00.000Z');
  });

  it('never two runs of one (job, date): racing triggers (schedule, recovery, a manual run) join one run; --force makes r2', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => triggerRun(rt.deps, { job: 'daily-ops-report', date: '2026-11-02' })));
    expect(new Set(results.map((r) => r.runId))).toEqual(new Set(['daily-ops-report/2026-11-02/r1']));
    expect(results.filter((r) => !r.reused)).toHaveLength(1);
    expect(await rt.deps.store.revisions('daily-ops-report', '2026-11-02')).toEqual([{ revision: 1, finished: false }]);
    const forced = await triggerRun(rt.deps, { job: 'daily-ops-report', date: '2026-11-02', force: true });
    expect(forced).toMatchObject({ runId: 'daily-ops-report/2026-11-02/r2', reused: false });
  });
});
