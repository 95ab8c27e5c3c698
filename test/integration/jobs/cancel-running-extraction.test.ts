import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Queue, type ConnectionOptions } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtures, type RunningFixtures, type RunningPortal } from '../../../fixtures/start-fixtures';
import { QUEUES } from '../../../jobs/runtime/queues';
import { startCli } from '../../helpers/cli-process';
import { startTestRuntime, type TestRuntime } from '../../helpers/test-runtime';
import { TEST_JOB } from './support/test-job';
import { workerEnv } from './support/worker-env';
import { waitUntil } from './support/worker-process';

const PRELOAD = [path.resolve(import.meta.dirname, 'support/register-test-job.ts')];
const EXTRACTION = 'core-banking.transactions';
/** Every request of the core-banking portal waits this long: the extraction runs for tens of seconds. */
const LATENCY_MS = 4_000;
/** What "stops within a few seconds" means here: from the cancel mark's time to the job's end. */
const STOPS_WITHIN_MS = 5_000;

/**
 * `opsbot runs cancel` on a run whose extraction a worker in another process is running (issue #16
 * item 5): BullMQ's abort signal must reach the bot's `ctx.signal` (through the queue's event
 * stream and `worker.cancelJob`), the bot must stop within seconds instead of reading on, the job
 * must not be retried, and the run must say cancelled. Real processes: `opsbot run` (with its
 * worker), `opsbot runs cancel`, `opsbot runs`; a real Redis, Chromium and the core-banking fixture
 * portal, slowed by its latency fault so that the extraction is surely still running.
 */
describe('cancelling a run while its extraction runs (real processes)', { timeout: 300_000 }, () => {
  let rt: TestRuntime;
  let fixtures: RunningFixtures;
  let portal: RunningPortal;
  let env: Record<string, string>;
  let bots: Queue;

  beforeAll(async () => {
    rt = await startTestRuntime();
    const password = randomBytes(9).toString('base64url');
    fixtures = await startFixtures({ scale: 'small', password });
    portal = fixtures.portal('core-banking');
    // Three attempts allowed: the cancelled job must still not be retried. No SMTP listens (nothing is delivered).
    env = workerEnv(rt, portal, password, 9, { OPSBOT_EXTRACT_ATTEMPTS: '3', OPSBOT_ADMIN: 'admin-li' });
    bots = new Queue(QUEUES.bots, { connection: connectionOf(rt.redis.url), prefix: rt.config.queuePrefix });
  });
  afterAll(async () => {
    await bots?.close();
    await fixtures?.stop();
    await rt?.stop();
  });

  it('stops the running extraction within seconds, does not retry it, and the run says cancelled', async () => {
    const date = '2026-03-16';
    const runId = `${TEST_JOB}/${date}/r1`;
    const jobId = `${runId}/${EXTRACTION}`;
    portal.app.faults.set({ latencyMs: LATENCY_MS });
    const run = startCli(['run', TEST_JOB, '--date', date], env, PRELOAD);
    try {
      await run.waitFor(new RegExp(`${runId}: started`));
      await waitUntil('the extraction to run', async () => (await bots.getJob(jobId))?.isActive(), 120_000);
      // Into its first pages (login, menu), each taking LATENCY_MS.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await (await bots.getJob(jobId))!.getState()).toBe('active');

      const cancel = startCli(['runs', 'cancel', runId, '--reason', 'wrong date'], env, PRELOAD);
      expect(await cancel.exited, cancel.output()).toBe(0);
      expect(cancel.output()).toContain(`${runId}: cancelled (was in-progress: extracting`);
      expect(cancel.output()).toContain(`${jobId}`);

      // Stopped within seconds, by the cancellation (not by finishing, not by a fault).
      const job = await waitUntil('the extraction to stop', async () => {
        const j = await bots.getJob(jobId);
        return j && (await j.getState()) === 'failed' ? j : undefined;
      }, 60_000);
      expect(job.failedReason).toBe(`cancelled: run ${runId} cancelled by admin-li: wrong date`);
      // Timed by the cancel mark (written first thing by `runs cancel`) and BullMQ's own finishedOn,
      // not by when the CLI process got round to exiting.
      const staging = path.join(rt.varDir, 'runs', TEST_JOB, date, 'r1.staging');
      const mark = JSON.parse(readFileSync(path.join(staging, 'cancelled.json'), 'utf8'));
      const stoppedAfterMs = job.finishedOn! - Date.parse(mark.cancelledAt);
      expect(stoppedAfterMs, `stopped ${stoppedAfterMs} ms after the cancel`).toBeLessThan(STOPS_WITHIN_MS);
      expect(stoppedAfterMs).toBeGreaterThan(0);

      // Not retried: still failed, one attempt, a while later (a retry would be delayed 2 s, then active).
      await new Promise((r) => setTimeout(r, 4_000));
      const later = (await bots.getJob(jobId))!;
      expect(await later.getState()).toBe('failed');
      expect(later.attemptsMade).toBe(1);

      // The source says cancelled; no partial records were kept; the run was not published.
      const status = JSON.parse(readFileSync(path.join(staging, 'sources', `${EXTRACTION}.status.json`), 'utf8'));
      expect(status).toMatchObject({ botId: EXTRACTION, status: 'failed', count: null, error: `cancelled: run ${runId} cancelled by admin-li: wrong date` });
      expect(existsSync(path.join(staging, 'sources', `${EXTRACTION}.jsonl`))).toBe(false);
      expect(existsSync(path.join(rt.varDir, 'runs', TEST_JOB, date, 'r1'))).toBe(false);

      // `opsbot run` does not wait on: its build refuses the cancelled run and it ends, saying so.
      expect(await run.exited, run.output()).not.toBe(0);
      expect(run.output()).toMatch(new RegExp(`${runId} was cancelled by admin-li at .*: not built`));

      const listed = startCli(['runs', '--job', TEST_JOB], env, PRELOAD);
      expect(await listed.exited, listed.output()).toBe(0);
      expect(listed.output().split('\n').find((l) => l.startsWith(`${runId} `))).toMatch(/ cancelled .*cancelled by admin-li at .*\+08:00: wrong date/);
    } finally {
      portal.app.faults.reset();
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  });
});

/** BullMQ connection options for the test's Redis URL (`redis://:password@host:port`). */
function connectionOf(url: string): ConnectionOptions {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port), password: u.password ? decodeURIComponent(u.password) : undefined, maxRetriesPerRequest: null };
}
