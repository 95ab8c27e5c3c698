import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triggerRun } from '../../jobs/runtime/flows';
import { QUEUES } from '../../jobs/runtime/queues';
import { startTestRuntime, type TestRuntime } from '../helpers/test-runtime';

// No worker: the flows stay queued, which is all this needs — the question is how many runs the
// triggers create, not how they finish.
const JOB = 'daily-ops-report';
let rt: TestRuntime;

beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => {
  await rt?.stop();
});

async function buildJobIds(): Promise<string[]> {
  const { connection, prefix } = rt.deps.redis;
  const queue = new Queue(QUEUES.reports, { connection, prefix });
  try {
    return (await queue.getJobs(['waiting', 'waiting-children', 'active', 'delayed', 'completed', 'failed'])).map((j) => j.id ?? '').sort();
  } finally {
    await queue.close();
  }
}

describe('the same (job, date) triggered at the same moment', () => {
  it('two triggers at once make one run; the other trigger is handed that run', async () => {
    const date = '2026-11-18';
    const results = await Promise.all([triggerRun(rt.deps, { job: JOB, date }), triggerRun(rt.deps, { job: JOB, date })]);
    expect(results.map((r) => r.runId)).toEqual([`${JOB}/${date}/r1`, `${JOB}/${date}/r1`]);
    expect(results.filter((r) => !r.reused)).toHaveLength(1);
    expect(await rt.deps.store.revisions(JOB, date)).toEqual([{ revision: 1, finished: false }]);
    expect((await buildJobIds()).filter((id) => id.includes(date))).toEqual([`${JOB}/${date}/r1`]);
  });

  it('five triggers at once still make exactly one run', async () => {
    const date = '2026-11-17';
    const results = await Promise.all(Array.from({ length: 5 }, () => triggerRun(rt.deps, { job: JOB, date })));
    expect(new Set(results.map((r) => r.runId))).toEqual(new Set([`${JOB}/${date}/r1`]));
    expect(results.filter((r) => !r.reused)).toHaveLength(1);
    expect((await buildJobIds()).filter((id) => id.includes(date))).toEqual([`${JOB}/${date}/r1`]);
  });

  it('two forced triggers at once make two distinct revisions, never one revision twice', async () => {
    const date = '2026-11-16';
    const results = await Promise.all([triggerRun(rt.deps, { job: JOB, date, force: true }), triggerRun(rt.deps, { job: JOB, date, force: true })]);
    expect(results.map((r) => r.revision).sort()).toEqual([1, 2]);
    expect(results.every((r) => !r.reused)).toBe(true);
    expect((await buildJobIds()).filter((id) => id.includes(date))).toEqual([`${JOB}/${date}/r1`, `${JOB}/${date}/r2`]);
  });
});
