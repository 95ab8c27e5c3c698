import { spawnSync } from 'node:child_process';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../../../jobs';
import { defineJob, type JobDefinition } from '../../../jobs/define-job';
import { triggerRun, waitForRun } from '../../../jobs/runtime/flows';
import { QUEUES } from '../../../jobs/runtime/queues';
import { startFixtureWorld, type FixtureWorld } from '../../helpers/fixture-world';

const JOB = 'browser-crash-test';
/** One slow extraction (page by page, 10 rows a page) so the browser can be killed in the middle. */
const crashJob: JobDefinition = defineJob({
  id: JOB,
  title: 'browser crash test',
  sources: ({ date }) => [{ botId: 'core-banking.transactions', input: { date, via: 'pages', pageSize: 10 } }],
  build: async (ctx) => ({ status: ctx.sources[0]?.status === 'ok' ? 'ok' : 'partial', outputs: [] }),
});

/** Chromium processes started by this process (the shared browser), killed like a crash would. */
function killBrowser(): number {
  const r = spawnSync('pgrep', ['-P', String(process.pid), '-f', 'chrom'], { encoding: 'utf8' });
  const pids = r.stdout.split('\n').filter(Boolean).map(Number);
  for (const pid of pids) process.kill(pid, 'SIGKILL');
  return pids.length;
}

let world: FixtureWorld;

beforeAll(async () => {
  world = await startFixtureWorld({ fixtures: { seed: 5, scale: 'small' }, registries: { jobs: new Map([...jobs, [JOB, crashJob]]) }, workerConcurrency: 1 });
}, 120_000);

afterAll(async () => world?.stop());

/** Resolves at the first progress the extraction `jobId` reports: it has read its first page. */
function firstProgress(events: QueueEvents, jobId: string): Promise<void> {
  return new Promise((resolve) => {
    const onProgress = ({ jobId: id, data }: { jobId: string; data: unknown }) => {
      if (id !== jobId || !(Number((data as { done?: number } | null)?.done) > 0)) return;
      events.off('progress', onProgress);
      resolve();
    };
    events.on('progress', onProgress);
  });
}

describe('a browser crash mid-extraction', () => {
  // Waits on events, never on the clock: the crash comes when the bot has reported its first page
  // (however loaded the machine), and the run is awaited by its completion event. The portal is
  // slowed only until the crash, so the crash surely lands mid-extraction and the retry is quick.
  it('fails that attempt, and the job retries on a fresh browser and completes once', async () => {
    const core = world.fixtures.portal('core-banking').app;
    const { connection, prefix } = world.deps.redis;
    const events = new QueueEvents(QUEUES.bots, { connection, prefix });
    await events.waitUntilReady();
    core.faults.set({ latencyMs: 250 });
    const t = await triggerRun(world.deps, { job: JOB, date: '2026-11-20' });
    // The run's completion event; awaited at the end, and raced with the first page below.
    const finished = waitForRun(world.deps, t.runId);
    finished.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
    try {
      const first = await Promise.race([firstProgress(events, `${t.runId}/core-banking.transactions`).then(() => 'page' as const), finished.then(() => 'ended' as const)]);
      expect(first, 'the run ended before its extraction reported a page').toBe('page');
      expect(killBrowser()).toBeGreaterThan(0);
    } finally {
      core.faults.set({ latencyMs: 0 });
      await events.close();
    }
    const result = await finished;
    expect(result.status).toBe('ok');
    const manifest = await world.deps.store.read(result.runDir);
    const source = manifest.sources[0]!;
    expect(source.status).toBe('ok');
    expect(source.count).toBe(source.expected);
    expect((await world.deps.store.revisions(JOB, '2026-11-20')).length).toBe(1);
    const bots = new Queue(QUEUES.bots, { connection, prefix });
    const child = await bots.getJob(`${t.runId}/core-banking.transactions`);
    await bots.close();
    // The crash cost one attempt; a later one, on a new browser, succeeded.
    expect(child?.attemptsMade).toBeGreaterThanOrEqual(2);
  }, 300_000);
});
