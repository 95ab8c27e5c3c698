import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { FlowProducer, Queue, QueueEvents, type FlowJob } from 'bullmq';
import { sourceKey, type SourceRequest } from '../../define-job';
import type { Redis } from 'ioredis';
import { openRedis, QUEUES, type BuildPayload, type BuildReturn, type ExtractPayload, type RedisConnection } from '../queues';
import { jobIn } from '../registries';
import type { RuntimeDeps } from '../runtime-deps';
import { previousRunsOf, runIdOf, safeSegment, type RunManifest } from '../run-store';
import { buildJobOptions, extractJobOptions } from './job-options';

export interface TriggerOptions {
  job: string;
  date: string;
  force?: boolean;
  options?: Record<string, unknown>;
}

export interface Triggered {
  runId: string;
  revision: number;
  /** True when an earlier run of (job, date) was returned instead of starting one. */
  reused: boolean;
  manifest?: RunManifest;
}

const LOCK_MS = 30_000;

/** What a trigger needs: the jobs (prepare, sources), the run store, Redis, and `extractAttempts`. */
export type TriggerDeps = Pick<RuntimeDeps, 'config' | 'jobs' | 'store' | 'redis'>;

/**
 * Starts the flow of (job, date) — or returns the run that already exists. Ids are deterministic
 * (`<job>/<date>/r<rev>`), and a short Redis lock makes two triggers at the same moment agree on one
 * revision, so there is exactly one run per (job, date) unless `force` asks for a new revision.
 */
export async function triggerRun(deps: TriggerDeps, opts: TriggerOptions): Promise<Triggered> {
  const def = jobIn(deps.jobs, opts.job);
  safeSegment(opts.date);
  const { store } = deps;
  const { connection, prefix } = deps.redis;
  const redis = openRedis(deps.redis);
  // Shared by every process on this Redis, whichever queues it uses (queue-namespace.ts): the
  // revisions of one (job, date) are numbered under this lock, in the one run store.
  const lockKey = `${deps.redis.coordinationPrefix}:trigger-lock:${opts.job}:${opts.date}`;
  const lock = await acquire(redis, lockKey).catch((err: unknown) => {
    redis.disconnect();
    throw err;
  });
  try {
    const revisions = await store.revisions(opts.job, opts.date);
    const inProgress = revisions.filter((r) => !r.finished).at(-1);
    if (!opts.force) {
      const latest = await store.latest(opts.job, opts.date);
      if (latest) return { runId: latest.runId, revision: latest.revision, reused: true, manifest: latest };
      // A staging folder whose build job is not in this process's queues was abandoned (a crash
      // with a private Redis, a flushed Redis) or belongs to another process's fixture world, whose
      // portals this process does not serve: it is left alone and a new revision starts.
      // A cancelled one (`opsbot runs cancel`) is never joined, even while a worker still holds one of its jobs.
      const joinable = inProgress && !(await store.cancelMark(opts.job, opts.date, inProgress.revision)) && (await buildJobExists(deps.redis, runIdOf(opts.job, opts.date, inProgress.revision)));
      if (inProgress && joinable) return { runId: runIdOf(opts.job, opts.date, inProgress.revision), revision: inProgress.revision, reused: true };
    }
    const revision = revisions.length ? Math.max(...revisions.map((r) => r.revision)) + 1 : 1;
    const runId = runIdOf(opts.job, opts.date, revision);
    const runDir = await store.createStaging(opts.job, opts.date, revision);
    let options = opts.options ?? {};
    try {
      const prepared = await def.prepare?.({ job: opts.job, date: opts.date, runDir, options, previousRuns: previousRunsOf(store, opts.job, opts.date, revision), config: deps.config });
      if (prepared?.options) options = { ...options, ...prepared.options };
    } catch (err) {
      await store.discardStaging(opts.job, opts.date, revision);
      throw err;
    }
    const children = flowTree(def.sources({ date: opts.date, options }), (source) => {
      const { botId, input } = source;
      const data: ExtractPayload = {
        runId, job: opts.job, date: opts.date, revision, runDir: source.dir ? path.join(runDir, source.dir) : runDir,
        botId, input,
      };
      return { name: sourceKey(source), queueName: QUEUES.bots, data, opts: { ...extractJobOptions(deps.config.extractAttempts), jobId: `${runId}/${sourceKey(source)}` } };
    });
    const data: BuildPayload = { runId, job: opts.job, date: opts.date, revision, runDir, startedAt: new Date().toISOString(), options };
    const flow = new FlowProducer({ connection, prefix });
    try {
      await flow.add({ name: opts.job, queueName: QUEUES.reports, data, opts: { ...buildJobOptions(), jobId: runId }, children });
    } finally {
      await flow.close();
    }
    return { runId, revision, reused: false };
  } finally {
    await lock.release();
    redis.disconnect();
  }
}

/**
 * Turns the job's sources into BullMQ's tree: a source that runs `after` another (named by its
 * key, see `sourceKey`) becomes that one's parent (BullMQ runs children first), and the rest hang
 * directly under the build.
 */
export function flowTree(sources: SourceRequest[], node: (source: SourceRequest) => Omit<FlowJob, 'children'>): FlowJob[] {
  const byKey = new Map<string, SourceRequest>();
  for (const s of sources) {
    if (byKey.has(sourceKey(s))) throw new Error(`source ${sourceKey(s)} is listed twice (give the second one its own dir)`);
    byKey.set(sourceKey(s), s);
  }
  for (const s of sources) {
    if (s.after && !byKey.has(s.after)) throw new Error(`source ${sourceKey(s)} runs after ${s.after}, which is not a source of this job`);
  }
  const build = (s: SourceRequest, seen: Set<string>): FlowJob => {
    const key = sourceKey(s);
    if (seen.has(key)) throw new Error(`sources depend on each other in a cycle through ${key}`);
    const deps = sources.filter((d) => s.after === sourceKey(d));
    return { ...node(s), children: deps.map((d) => build(d, new Set([...seen, key]))) };
  };
  const dependedOn = new Set(sources.map((s) => s.after).filter(Boolean));
  const roots = sources.filter((s) => !dependedOn.has(sourceKey(s)));
  if (sources.length && !roots.length) throw new Error(`sources depend on each other in a cycle: ${sources.map((s) => s.botId).join(', ')}`);
  return roots.map((s) => build(s, new Set()));
}

async function buildJobExists(redis: RedisConnection, runId: string): Promise<boolean> {
  const { connection, prefix } = redis;
  const queue = new Queue(QUEUES.reports, { connection, prefix });
  try {
    return (await queue.getJob(runId)) !== undefined;
  } finally {
    await queue.close();
  }
}

/**
 * A lock held by a unique token: kept alive while the trigger stages inputs (a large `--input`
 * file takes longer than the lease), released only by its holder, and gone by itself after
 * LOCK_MS if the holder dies.
 */
async function acquire(redis: Redis, key: string): Promise<{ release(): Promise<void> }> {
  const token = `${process.pid}-${randomUUID()}`;
  const deadline = Date.now() + 5 * LOCK_MS;
  while ((await redis.set(key, token, 'PX', LOCK_MS, 'NX')) !== 'OK') {
    if (Date.now() > deadline) throw new Error(`could not get the trigger lock ${key}: another trigger of this job and date holds it`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const renew = setInterval(() => void redis.pexpire(key, LOCK_MS).catch(() => undefined), LOCK_MS / 3);
  return {
    release: async () => {
      clearInterval(renew);
      // Delete only our own lock (compare-and-delete in one step).
      await redis.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", 1, key, token);
    },
  };
}

/** Waits for the build of a run and returns what it produced. */
export async function waitForRun(deps: Pick<RuntimeDeps, 'redis'>, runId: string, timeoutMs = 30 * 60_000): Promise<BuildReturn> {
  const { connection, prefix } = deps.redis;
  const queue = new Queue(QUEUES.reports, { connection, prefix });
  const events = new QueueEvents(QUEUES.reports, { connection, prefix });
  try {
    await events.waitUntilReady();
    const job = await queue.getJob(runId);
    if (!job) throw new Error(`no build job ${runId} in queue ${QUEUES.reports}`);
    // `opsbot runs cancel` removes the build job: no completed or failed event would ever come.
    let onRemoved: ((e: { jobId: string }) => void) | undefined;
    const removed = new Promise<never>((_, reject) => {
      onRemoved = (e) => e.jobId === runId && reject(new Error(`${runId} was removed from the queue (cancelled: see opsbot runs)`));
      events.on('removed', onRemoved);
    });
    try {
      return (await Promise.race([job.waitUntilFinished(events, timeoutMs), removed])) as BuildReturn;
    } finally {
      events.off('removed', onRemoved!);
    }
  } finally {
    await events.close();
    await queue.close();
  }
}
