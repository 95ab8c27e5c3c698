import { FlowProducer, Queue, QueueEvents } from 'bullmq';
import { getJob } from '../../index';
import { createRedis } from '../redis';
import { bullConnection, QUEUES, type BuildPayload, type BuildReturn, type ExtractPayload } from '../queues';
import { runStoreFromConfig, runIdOf, safeSegment, type RunManifest } from '../run-store';
import { buildJobOptions, extractJobOptions } from './job-options';

export interface TriggerOptions {
  job: string;
  date: string;
  force?: boolean;
  options?: Record<string, unknown>;
  /** Portal base URLs for this run (fixture runs). */
  portalUrls?: Record<string, string>;
  outDir?: string;
}

export interface Triggered {
  runId: string;
  revision: number;
  /** True when an earlier run of (job, date) was returned instead of starting one. */
  reused: boolean;
  manifest?: RunManifest;
}

const LOCK_MS = 30_000;

/**
 * Starts the flow of (job, date) — or returns the run that already exists. Ids are deterministic
 * (`<job>/<date>/r<rev>`), and a short Redis lock makes two triggers at the same moment agree on one
 * revision, so there is exactly one run per (job, date) unless `force` asks for a new revision.
 */
export async function triggerRun(opts: TriggerOptions): Promise<Triggered> {
  const def = getJob(opts.job);
  safeSegment(opts.date);
  const store = runStoreFromConfig();
  const redis = await createRedis();
  const { connection, prefix } = await bullConnection();
  const lockKey = `${prefix}:trigger-lock:${opts.job}:${opts.date}`;
  try {
    await acquire(redis, lockKey);
    const revisions = await store.revisions(opts.job, opts.date);
    const inProgress = revisions.find((r) => !r.finished);
    if (!opts.force) {
      const latest = await store.latest(opts.job, opts.date);
      if (latest) return { runId: latest.runId, revision: latest.revision, reused: true, manifest: latest };
      if (inProgress) return { runId: runIdOf(opts.job, opts.date, inProgress.revision), revision: inProgress.revision, reused: true };
    }
    const revision = revisions.length ? Math.max(...revisions.map((r) => r.revision)) + 1 : 1;
    const runId = runIdOf(opts.job, opts.date, revision);
    const runDir = await store.createStaging(opts.job, opts.date, revision);
    const options = opts.options ?? {};
    const children = def.sources({ date: opts.date, options }).map(({ botId, input }) => {
      const data: ExtractPayload = { runId, job: opts.job, date: opts.date, revision, runDir, botId, input, portalUrl: opts.portalUrls?.[botId.split('.')[0]!] };
      return { name: botId, queueName: QUEUES.bots, data, opts: { ...extractJobOptions(), jobId: `${runId}/${botId}` } };
    });
    const data: BuildPayload = { runId, job: opts.job, date: opts.date, revision, runDir, startedAt: new Date().toISOString(), options, outDir: opts.outDir };
    const flow = new FlowProducer({ connection, prefix });
    try {
      await flow.add({ name: opts.job, queueName: QUEUES.reports, data, opts: { ...buildJobOptions(), jobId: runId }, children });
    } finally {
      await flow.close();
    }
    return { runId, revision, reused: false };
  } finally {
    await redis.del(lockKey);
    redis.disconnect();
  }
}

async function acquire(redis: Awaited<ReturnType<typeof createRedis>>, key: string): Promise<void> {
  const deadline = Date.now() + LOCK_MS;
  while ((await redis.set(key, String(process.pid), 'PX', LOCK_MS, 'NX')) !== 'OK') {
    if (Date.now() > deadline) throw new Error(`could not get the trigger lock ${key}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits for the build of a run and returns what it produced. */
export async function waitForRun(runId: string, timeoutMs = 30 * 60_000): Promise<BuildReturn> {
  const { connection, prefix } = await bullConnection();
  const queue = new Queue(QUEUES.reports, { connection, prefix });
  const events = new QueueEvents(QUEUES.reports, { connection, prefix });
  try {
    await events.waitUntilReady();
    const job = await queue.getJob(runId);
    if (!job) throw new Error(`no build job ${runId} in queue ${QUEUES.reports}`);
    return (await job.waitUntilFinished(events, timeoutMs)) as BuildReturn;
  } finally {
    await events.close();
    await queue.close();
  }
}
