import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFixtures, type RunningFixtures } from '../../../fixtures/start-fixtures';
import { triggerRun } from '../../../jobs/runtime/flows';
import { QUEUES } from '../../../jobs/runtime/queues';
import { stableMessageId } from '../../../jobs/runtime/delivery';
import { startEmbeddedRedis } from '../../../jobs/runtime/redis';
import { startTestRuntime, type TestRuntime } from '../../helpers/test-runtime';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import { workerEnv } from './support/worker-env';
import { jobsWithTestJob, TEST_JOB } from './support/test-job';
import { spawnWorker, waitUntil, type WorkerProcess } from './support/worker-process';

const PRELOAD = [path.resolve(import.meta.dirname, 'support/register-test-job.ts')];

/**
 * Real worker processes (`opsbot worker`) against one Redis and one run store, running a test-only
 * job (one real extraction: the core-banking bot on its fixture portal) through the real runtime.
 * The signal comes as soon as the extraction is active — it then still has a browser to launch, a login and an export ahead, so
 * it is interrupted mid-job. Short job locks make a dead worker's job come back in seconds.
 * (Portal latency is not used to slow it down: the bot's frame check fails under latency — a bot issue.)
 */
describe('workers survive faults (real processes)', { timeout: 240_000 }, () => {
  let rt: TestRuntime;
  let fixtures: RunningFixtures;
  let smtp: SmtpSink;
  let bots: Queue;
  let env: Record<string, string>;
  const started: WorkerProcess[] = [];

  beforeAll(async () => {
    rt = await startTestRuntime({ workerLockMs: 4_000, stalledIntervalMs: 1_500 }, { jobs: jobsWithTestJob() });
    smtp = await startSmtpSink();
    const password = randomBytes(9).toString('base64url');
    fixtures = await startFixtures({ scale: 'small', password });
    const portal = fixtures.portal('core-banking');
    env = workerEnv(rt, portal, password, smtp.port);
    const { connection, prefix } = rt.deps.redis;
    bots = new Queue(QUEUES.bots, { connection, prefix });
  });
  afterEach(async () => {
    for (const w of started.splice(0)) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  });
  afterAll(async () => {
    for (const w of started.splice(0)) w.child.kill('SIGKILL');
    await bots.close();
    await fixtures.stop();
    await smtp.stop();
    await rt.stop();
  });

  const worker = async () => {
    const w = await spawnWorker(env, PRELOAD);
    started.push(w);
    return w;
  };
  const extractionActive = () => waitUntil('the extraction to start', async () => (await bots.getActiveCount()) > 0, 30_000);
  const finished = (date: string) => waitUntil(`the run of ${date}`, () => rt.deps.store.latest(TEST_JOB, date), 60_000);
  const mailsFor = (date: string) => smtp.mails.filter((m) => m.raw.includes(stableMessageId(`${TEST_JOB}/${date}/r1`, 'ops@bank.example')));

  /** The run finished once: one revision, ok, every record, one e-mail. */
  async function expectCompletedOnce(date: string) {
    const m = await finished(date);
    expect(m.status, JSON.stringify(m.errors)).toBe('ok');
    expect(m.sources[0]).toMatchObject({ status: 'ok', count: m.sources[0]!.expected });
    expect(await rt.deps.store.revisions(TEST_JOB, date)).toEqual([{ revision: 1, finished: true }]);
    await waitUntil('the report e-mail', async () => mailsFor(date).length > 0, 20_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(mailsFor(date)).toHaveLength(1);
  }

  it('SIGTERM: the worker finishes its current job before it exits; another completes the run', async () => {
    const a = await worker();
    const t = await triggerRun(rt.deps, { job: TEST_JOB, date: '2026-03-02' });
    await extractionActive();
    a.child.kill('SIGTERM');
    const exit = await a.exited;
    expect(exit.code).toBe(143);
    // Finished, not abandoned: the extraction completed under worker A.
    expect(await (await bots.getJob(`${t.runId}/core-banking.transactions`))!.getState()).toBe('completed');
    await worker();
    await expectCompletedOnce('2026-03-02');
  });

  it('SIGKILL mid-job: another worker picks the job up and the run completes once', async () => {
    const a = await worker();
    const t = await triggerRun(rt.deps, { job: TEST_JOB, date: '2026-03-03' });
    await extractionActive();
    a.child.kill('SIGKILL');
    await a.exited;
    await worker();
    await expectCompletedOnce('2026-03-03');
    const job = (await bots.getJob(`${t.runId}/core-banking.transactions`))!;
    expect(await job.getState()).toBe('completed');
  });

  it('Redis restarted mid-flow: the run completes after the workers reconnect', async () => {
    await worker();
    await triggerRun(rt.deps, { job: TEST_JOB, date: '2026-03-04' });
    await extractionActive();
    const port = rt.redis.port;
    await rt.redis.stop();
    await new Promise((r) => setTimeout(r, 1_500));
    // The same password as before: the workers' REDIS_URL carries it.
    const again = await startEmbeddedRedis(path.join(rt.varDir, 'redis'), { port, password: rt.redis.password });
    rt.redis = again;
    await expectCompletedOnce('2026-03-04');
  });
});
