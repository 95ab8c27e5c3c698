import { createReadStream } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { jobs } from '../../../../jobs';
import { defineJob, type JobDefinition } from '../../../../jobs/define-job';
import type { JobRegistry } from '../../../../jobs/runtime/registries';
import { writeJsonAtomic } from '../../../../bots/sdk/atomic-write';

export const TEST_JOB = 'fault-test-report';

/**
 * A test-only job with one real extraction (the core-banking bot on its fixture portal) and a
 * tiny build (a count). It goes through the real runtime — trigger, flow, worker processors, run
 * store, delivery — without the full daily report's eight sources, so fault tests stay short.
 */
export const faultTestJob: JobDefinition = defineJob({
  id: TEST_JOB,
  title: 'fault test',
  sources: ({ date }) => [{ botId: 'core-banking.transactions', input: { date } }],
  build: async (ctx) => {
    const src = ctx.sources[0]!;
    if (src.status !== 'ok' || !src.file) return { status: 'partial', outputs: [], errors: [{ source: src.botId, message: src.error ?? 'missing' }] };
    let count = 0;
    for await (const line of readline.createInterface({ input: createReadStream(path.join(ctx.runDir, src.file)) })) if (line) count += 1;
    await writeJsonAtomic(path.join(ctx.runDir, 'summary.json'), { date: ctx.date, transactions: count });
    return { status: 'ok', outputs: ['summary.json'] };
  },
});

/** Every registered job and the test job: what a test hands its in-process runtime. */
export function jobsWithTestJob(): JobRegistry {
  return new Map([...jobs, [TEST_JOB, faultTestJob]]);
}

/**
 * Adds the test job to the job registry of this process (the registry is a Map behind a read-only
 * type): preloaded into `opsbot worker` children, whose composition root hands that registry on.
 */
export function registerTestJob(): void {
  (jobs as Map<string, JobDefinition>).set(TEST_JOB, faultTestJob);
}
