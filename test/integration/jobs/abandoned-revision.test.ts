import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFixtures, type RunningFixtures } from '../../../fixtures/start-fixtures';
import { readAudit } from '../../../jobs/runtime/audit';
import { stableMessageId } from '../../../jobs/runtime/delivery';
import { cancelRun, RunQueues, triggerRun } from '../../../jobs/runtime/flows';
import { openRedis, QUEUES } from '../../../jobs/runtime/queues';
import { freePort } from '../../../jobs/runtime/redis/free-port';
import { startCli } from '../../helpers/cli-process';
import { startTestRuntime, type TestRuntime } from '../../helpers/test-runtime';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import { workerEnv } from './support/worker-env';
import { jobsWithTestJob, TEST_JOB } from './support/test-job';
import { spawnWorker, waitUntil, type WorkerProcess } from './support/worker-process';

const PRELOAD = [path.resolve(import.meta.dirname, 'support/register-test-job.ts')];
const EXTRACTION = 'core-banking.transactions';

/**
 * A forced revision whose `opsbot run --force` process is killed (kill -9) leaves its jobs in
 * Redis. These tests reproduce that with real processes (the CLI and `opsbot worker` children, a
 * real Redis, the core-banking fixture portal, a real SMTP sink) and check what the issue asked:
 * the revision is visible in `opsbot runs`, a later worker that finishes it partial does not make
 * it `latest` over the good r1 nor deliver it, and an admin can cancel it.
 */
describe('a forced revision whose process was killed (real processes)', { timeout: 300_000 }, () => {
  let rt: TestRuntime;
  let fixtures: RunningFixtures;
  let smtp: SmtpSink;
  let bots: Queue;
  let reports: Queue;
  let good: Record<string, string>;
  const started: WorkerProcess[] = [];

  beforeAll(async () => {
    rt = await startTestRuntime({ workerLockMs: 4_000, stalledIntervalMs: 1_500 }, { jobs: jobsWithTestJob() });
    smtp = await startSmtpSink();
    const password = randomBytes(9).toString('base64url');
    fixtures = await startFixtures({ scale: 'small', password });
    const portal = fixtures.portal('core-banking');
    good = workerEnv(rt, portal, password, smtp.port, { OPSBOT_EXTRACT_ATTEMPTS: '1', OPSBOT_ADMIN_RECIPIENTS: 'admin@bank.example', OPSBOT_ADMIN: 'admin-zhang' });
    const { connection, prefix } = rt.deps.redis;
    bots = new Queue(QUEUES.bots, { connection, prefix });
    reports = new Queue(QUEUES.reports, { connection, prefix });
  });
  afterEach(() => {
    for (const w of started.splice(0)) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  });
  afterAll(async () => {
    for (const w of started.splice(0)) w.child.kill('SIGKILL');
    await bots.close();
    await reports.close();
    await fixtures.stop();
    await smtp.stop();
    await rt.stop();
  });

  const worker = async (env: Record<string, string> = good) => {
    const w = await spawnWorker(env, PRELOAD);
    started.push(w);
    return w;
  };
  const store = () => rt.deps.store;
  const rev = (date: string, r: number) => `${TEST_JOB}/${date}/r${r}`;
  const mailsTo = (runId: string, to: string) => smtp.mails.filter((m) => m.raw.includes(stableMessageId(runId, to)));
  const finished = (date: string, r: number) => waitUntil(`${rev(date, r)} to finish`, async () => existsSync(path.join(store().runDir(TEST_JOB, date, r), 'manifest.json')), 120_000);

  async function cli(args: string[], env: Record<string, string> = good): Promise<{ code: number | null; out: string }> {
    const c = startCli(args, env, PRELOAD);
    const code = await c.exited;
    return { code, out: c.output() };
  }

  /** r1 of `date`, ok and delivered, made by a worker that is then stopped. */
  async function goodFirstRun(date: string): Promise<void> {
    const w = await worker();
    await triggerRun(rt.deps, { job: TEST_JOB, date });
    await finished(date, 1);
    expect((await store().latest(TEST_JOB, date))).toMatchObject({ revision: 1, status: 'ok' });
    await waitUntil('r1 mailed to ops', async () => mailsTo(rev(date, 1), 'ops@bank.example').length > 0, 30_000);
    w.child.kill('SIGTERM');
    await w.exited;
  }

  /** `opsbot run --force` as a real process, killed with SIGKILL while its extraction runs. */
  async function killedForcedRun(date: string): Promise<string> {
    const run = startCli(['run', TEST_JOB, '--date', date, '--force'], good, PRELOAD);
    await run.waitFor(new RegExp(`${rev(date, 2)}: started`));
    await waitUntil('the forced extraction to run', async () => (await bots.getJob(`${rev(date, 2)}/${EXTRACTION}`))?.isActive(), 60_000);
    run.child.kill('SIGKILL');
    await run.exited;
    expect(existsSync(store().stagingDir(TEST_JOB, date, 2))).toBe(true);
    return rev(date, 2);
  }

  /** The dead process's lock on the extraction ends after the lock duration (4 s here). */
  async function lockExpired(runId: string): Promise<void> {
    const redis = openRedis(rt.deps.redis);
    try {
      await waitUntil('the killed worker\'s lock to expire', async () => (await redis.exists(`${rt.config.queuePrefix}:${QUEUES.bots}:${runId}/${EXTRACTION}:lock`)) === 0, 20_000);
    } finally {
      redis.disconnect();
    }
  }

  it('is listed as in-progress; a later worker finishes it partial: r1 stays latest, r2 says so and is not delivered', async () => {
    const date = '2026-03-09';
    await goodFirstRun(date);
    const r2 = await killedForcedRun(date);

    // Visible: `opsbot runs` has a header, Beijing times, r1 latest, r2 in progress with no worker.
    const listed = await cli(['runs', '--job', TEST_JOB]);
    expect(listed.code).toBe(0);
    const lines = listed.out.trim().split('\n');
    expect(lines[0]).toMatch(/^RUN\s+DATA DATE\s+STATUS\s+LATEST\s+DURATION\s+STARTED \(Asia\/Shanghai\)\s+FINISHED \(Asia\/Shanghai\)\s+SOURCES \/ STATE$/);
    expect(lines.find((l) => l.startsWith(`${r2} `))).toMatch(/ in-progress .*extracting: 0 of 1 extractions done, 1 interrupted, 0 queued; no worker is connected/);
    const r1Line = lines.find((l) => l.startsWith(`${rev(date, 1)} `))!;
    expect(r1Line).toMatch(/ ok\s+yes /);
    const finishedAt = store().read(store().runDir(TEST_JOB, date, 1)).then((m) => m.finishedAt);
    const beijing = new Date(Date.parse(await finishedAt) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(r1Line).toContain(beijing);

    // A plain re-run answers with r1, names r2, and does not take r2's jobs up itself.
    const again = await cli(['run', TEST_JOB, '--date', date]);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain(`${rev(date, 1)}: already done on`);
    expect(again.out).toContain(`note: ${r2} is unfinished`);
    expect(existsSync(store().runDir(TEST_JOB, date, 2))).toBe(false);

    // A later worker whose portal URL is stale (nothing listens there) takes r2 up: it ends partial.
    await lockExpired(r2);
    const stale = { ...good, OPSBOT_PORTAL_CORE_BANKING_URL: `http://127.0.0.1:${await freePort()}` };
    await worker(stale);
    await finished(date, 2);
    const m2 = await store().read(store().runDir(TEST_JOB, date, 2));
    expect(m2.status).toBe('partial');
    expect(m2.notLatest).toEqual({ latest: rev(date, 1), status: 'ok' });
    expect((await store().latest(TEST_JOB, date))?.runId).toBe(rev(date, 1));

    // Not delivered (no outbox copy, no report mail); the admins are alerted once, saying why.
    await waitUntil('the alert on r2', async () => mailsTo(`alert:run-partial--${r2}`, 'admin@bank.example').length > 0, 30_000);
    expect(mailsTo(r2, 'ops@bank.example')).toHaveLength(0);
    expect(mailsTo(rev(date, 1), 'ops@bank.example')).toHaveLength(1);
    expect(existsSync(path.join(rt.varDir, 'outbox', TEST_JOB, date, 'r2'))).toBe(false);
    expect(existsSync(path.join(rt.varDir, 'outbox', TEST_JOB, date, 'r1'))).toBe(true);

    const after = (await cli(['runs', '--job', TEST_JOB])).out.split('\n');
    expect(after.find((l) => l.startsWith(`${r2} `))).toMatch(new RegExp(` partial\\s{2,}\\S.*\\(not latest: ${rev(date, 1)} ok stays; not delivered\\)`));
    expect(after.find((l) => l.startsWith(`${rev(date, 1)} `))).toMatch(/ ok\s+yes /);
    // The next plain run still answers with r1.
    expect(await triggerRun(rt.deps, { job: TEST_JOB, date })).toMatchObject({ runId: rev(date, 1), reused: true });
  });

  it('an admin cancels it: its jobs leave BullMQ, the folder is marked, the audit says who; no worker finishes it', async () => {
    const date = '2026-03-10';
    await goodFirstRun(date);
    const r2 = await killedForcedRun(date);
    await lockExpired(r2);

    const cancel = await cli(['runs', 'cancel', r2, '--reason', 'forced run killed; r1 is good']);
    expect(cancel.code, cancel.out).toBe(0);
    expect(cancel.out).toContain(`${r2}: cancelled (was in-progress: extracting`);
    expect(cancel.out).toContain('2 job(s) removed from the queues');
    expect(await reports.getJob(r2)).toBeUndefined();
    expect(await bots.getJob(`${r2}/${EXTRACTION}`)).toBeUndefined();
    const mark = JSON.parse(readFileSync(path.join(store().stagingDir(TEST_JOB, date, 2), 'cancelled.json'), 'utf8'));
    expect(mark).toMatchObject({ runId: r2, by: 'admin-zhang', reason: 'forced run killed; r1 is good' });
    const audit = (await readAudit(path.join(rt.varDir, 'audit.log'))).filter((e) => e.action === 'run cancel');
    expect(audit.at(-1)).toMatchObject({ who: 'admin-zhang', subject: r2, before: { state: 'in-progress' }, after: { state: 'cancelled', removedJobs: 2, stillRunning: [] } });

    const listed = (await cli(['runs', '--job', TEST_JOB])).out.split('\n');
    expect(listed.find((l) => l.startsWith(`${r2} `))).toMatch(/ cancelled .*cancelled by admin-zhang at .*\+08:00: forced run killed; r1 is good/);
    // A second cancel keeps the first mark; a finished run cannot be cancelled (exit 2).
    expect((await cli(['runs', 'cancel', r2])).out).toContain('already cancelled by admin-zhang');
    const refused = await cli(['runs', 'cancel', rev(date, 1)]);
    expect(refused.code).toBe(2);
    expect(refused.out).toContain(`${rev(date, 1)} is finished`);
    const hostile = await cli(['runs', '--job', '../../etc']);
    expect([hostile.code, hostile.out]).toEqual([2, expect.stringContaining('refused name "../../etc"')]);

    // A worker starts: it has nothing of r2 to do. A new forced run goes through it (r3), r2 never.
    expect((await store().latest(TEST_JOB, date))?.runId).toBe(rev(date, 1));
    await worker();
    const r3 = await triggerRun(rt.deps, { job: TEST_JOB, date, force: true });
    expect(r3.runId).toBe(rev(date, 3));
    await finished(date, 3);
    expect(existsSync(store().runDir(TEST_JOB, date, 2))).toBe(false);
    expect(existsSync(store().stagingDir(TEST_JOB, date, 2))).toBe(true);
  });

  it('Redis down: runs still lists, the unfinished revision as unknown, without hanging; cancel refuses and marks nothing', async () => {
    const varDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-noredis-'));
    try {
      const staging = path.join(varDir, 'runs', TEST_JOB, '2026-03-12', 'r1.staging');
      mkdirSync(staging, { recursive: true });
      const env = { ...good, OPSBOT_VAR_DIR: varDir, REDIS_URL: `redis://127.0.0.1:${await freePort()}` };
      const listed = await cli(['runs'], env);
      expect(listed.code, listed.out).toBe(0);
      expect(listed.out).toMatch(new RegExp(`${rev('2026-03-12', 1)}\\s+2026-03-12\\s+unknown .*Redis did not answer \\(connect ECONNREFUSED`));
      const cancel = await cli(['runs', 'cancel', rev('2026-03-12', 1)], env);
      expect(cancel.code).toBe(1);
      expect(readdirSync(staging)).toEqual([]);
    } finally {
      rmSync(varDir, { recursive: true, force: true });
    }
  });

  it('cancelled while a live worker holds its extraction: that job ends, the build refuses, nothing is published or mailed', async () => {
    const date = '2026-03-11';
    await worker();
    const t = await triggerRun(rt.deps, { job: TEST_JOB, date });
    await waitUntil('the extraction to run', async () => (await bots.getJob(`${t.runId}/${EXTRACTION}`))?.isActive(), 60_000);
    const { connection, prefix } = rt.deps.redis;
    const queues = new RunQueues(connection, prefix);
    try {
      const r = await cancelRun(t.runId, 'test', { store: store(), queues, auditLog: path.join(rt.varDir, 'audit.log'), who: 'admin-li' });
      expect(r.stillRunning).toEqual([`${QUEUES.bots}/${t.runId}/${EXTRACTION}`]);
    } finally {
      await queues.close();
    }
    const build = (await reports.getJob(t.runId))!;
    await waitUntil('the build to refuse', async () => (await build.getState()) === 'failed', 60_000);
    expect((await reports.getJob(t.runId))!.failedReason).toMatch(/was cancelled by admin-li at .*: not built/);
    expect(existsSync(store().runDir(TEST_JOB, date, 1))).toBe(false);
    expect(existsSync(path.join(store().stagingDir(TEST_JOB, date, 1), 'cancelled.json'))).toBe(true);
    expect(mailsTo(t.runId, 'ops@bank.example')).toHaveLength(0);
    // A plain trigger does not join the cancelled run: it starts r2.
    expect(await triggerRun(rt.deps, { job: TEST_JOB, date })).toMatchObject({ runId: rev(date, 2), reused: false });
  });
});
