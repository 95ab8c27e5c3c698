import { spawnSync } from 'node:child_process';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../../../jobs';
import { defineJob, type JobDefinition } from '../../../jobs/define-job';
import { triggerRun, waitForRun } from '../../../jobs/runtime/flows';
import { bullConnection, QUEUES } from '../../../jobs/runtime/queues';
import { runStoreFromConfig } from '../../../jobs/runtime/run-store';
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
  (jobs as Map<string, JobDefinition>).set(JOB, crashJob);
  world = await startFixtureWorld({ fixtures: { seed: 5, scale: 'small' }, workerConcurrency: 1 });
}, 120_000);

afterAll(async () => world?.stop());

describe('a browser crash mid-extraction', () => {
  it('fails that attempt, and the job retries on a fresh browser and completes once', async () => {
    world.fixtures.portal('core-banking').app.faults.set({ latencyMs: 250 });
    const t = await triggerRun({ job: JOB, date: '2026-11-20' });
    // Wait until the extraction is under way (the shared browser exists), then kill it.
    let killed = 0;
    for (let i = 0; i < 100 && killed === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      if (i >= 10) killed = killBrowser();
    }
    expect(killed).toBeGreaterThan(0);
    world.fixtures.portal('core-banking').app.faults.set({ latencyMs: 0 });
    const result = await waitForRun(t.runId, 240_000);
    expect(result.status).toBe('ok');
    const manifest = await runStoreFromConfig().read(result.runDir);
    const source = manifest.sources[0]!;
    expect(source.status).toBe('ok');
    expect(source.count).toBe(source.expected);
    expect((await runStoreFromConfig().revisions(JOB, '2026-11-20')).length).toBe(1);
    const { connection, prefix } = await bullConnection();
    const bots = new Queue(QUEUES.bots, { connection, prefix });
    const child = await bots.getJob(`${t.runId}/core-banking.transactions`);
    await bots.close();
    // The crash cost one attempt; a later one, on a new browser, succeeded.
    expect(child?.attemptsMade).toBeGreaterThanOrEqual(2);
  }, 300_000);
});
