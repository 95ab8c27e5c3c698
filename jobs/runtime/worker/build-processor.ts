import path from 'node:path';
import { Queue, UnrecoverableError, type Job } from 'bullmq';
import type { Browser } from 'playwright-core';
import { QUEUES, type BuildPayload, type BuildReturn, type DeliverPayload } from '../queues';
import { jobIn } from '../registries';
import type { RuntimeDeps } from '../runtime-deps';
import { admitted } from './admit-job';
import { checkBuildPayload } from './payload-checks';
import { previousRunsOf, readSourceStatus, sha256File, type RunManifest, type SourceStatus } from '../run-store';

export interface BuildDeps extends Pick<RuntimeDeps, 'config' | 'jobs' | 'bots' | 'store' | 'redis' | 'log' | 'db'> {
  /** The worker's browser (for PDFs), launched on first use. */
  browser: () => Promise<Browser>;
}

/**
 * The build parent: gathers the children's statuses, runs the job's build, writes the manifest and
 * moves the run folder into place, then queues delivery. A failed build still leaves a manifest
 * saying so, with the error.
 */
export function buildProcessor(deps: BuildDeps) {
  const { store } = deps;
  const log = deps.log.child({ component: 'worker' });
  return async (job: Job<BuildPayload>): Promise<BuildReturn> => {
    const { runId, runDir, date, revision, options, job: jobId } = await admitted(QUEUES.reports, job, (data) => checkBuildPayload(data, deps), deps);
    const def = jobIn(deps.jobs, jobId);
    // Cancelled by an admin while a worker still held one of its jobs: never built nor published.
    const cancelled = await store.cancelMark(jobId, date, revision);
    if (cancelled) throw new UnrecoverableError(`${runId} was cancelled by ${cancelled.by} at ${cancelled.cancelledAt}: not built`);
    const started = Date.now();
    const requested = def.sources({ date, options });
    const sources = await Promise.all(requested.filter((s) => !s.dir).map((s) => readSourceStatus(runDir, s.botId)));
    const sourcesIn: Record<string, SourceStatus[]> = {};
    for (const s of requested.filter((r) => r.dir)) (sourcesIn[s.dir!] ??= []).push(await readSourceStatus(path.join(runDir, s.dir!), s.botId));
    let manifest: RunManifest;
    const base = { runId, job: def.id, dataDate: date, revision, startedAt: job.data.startedAt, sources };
    try {
      const result = await def.build({
        job: def.id, date, revision, runId, runDir, sources, sourcesIn, options, log: log.child({ run: runId }),
        browser: deps.browser,
        previousRuns: previousRunsOf(store, def.id, date, revision),
        ...(deps.db ? { cases: { db: deps.db, config: deps.config } } : {}),
      });
      const outputs = await Promise.all(result.outputs.map(async (file) => ({ file, ...(await sha256File(path.join(runDir, file))) })));
      const failedSources = sources.filter((s) => s.status === 'failed');
      manifest = {
        ...base, status: result.status === 'ok' && failedSources.length ? 'partial' : result.status,
        finishedAt: new Date().toISOString(), durationMs: Date.now() - Date.parse(job.data.startedAt),
        outputs, stages: { build: Date.now() - started, ...result.stages },
        errors: [...failedSources.map((s) => ({ source: s.botId, message: s.error ?? 'failed', evidence: s.evidence })), ...(result.errors ?? []).map((e) => ({ ...e, evidence: e.evidence ?? [] }))],
        details: result.details ?? {},
      };
    } catch (err) {
      if (job.attemptsMade + 1 < (job.opts.attempts ?? 1)) throw err;
      manifest = {
        ...base, status: 'failed', finishedAt: new Date().toISOString(), durationMs: Date.now() - Date.parse(job.data.startedAt),
        outputs: [], stages: {}, errors: [{ message: `build failed: ${(err as Error).message}`, evidence: [] }], details: {},
      };
    }
    const finalDir = await store.finish(manifest);
    const { connection, prefix } = deps.redis;
    const deliver = new Queue<DeliverPayload>(QUEUES.deliver, { connection, prefix });
    try {
      await deliver.add('deliver', { runId, runDir: finalDir }, { jobId: `${runId}/deliver`, attempts: 5, backoff: { type: 'exponential', delay: 10_000, jitter: 0.5 } });
    } finally {
      await deliver.close();
    }
    return { runId, runDir: finalDir, status: manifest.status, outputs: manifest.outputs.map((o) => o.file) };
  };
}

