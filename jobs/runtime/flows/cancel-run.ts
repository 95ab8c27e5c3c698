import { appendAudit } from '../audit';
import { requestCancel } from '../queues/cancel-requests';
import { parseRunId, type CancelMark, type RunStore } from '../run-store';
import type { RunQueues } from './run-queues';
import { flowJobsOf, unfinishedRunStates, type UnfinishedRunState } from './unfinished-runs';

export interface CancelDeps {
  store: RunStore;
  queues: RunQueues;
  auditLog: string;
  /** Who cancels (the audit's `who`). */
  who: string;
  now?: Date;
}

export interface CancelOutcome {
  runId: string;
  mark: CancelMark;
  /** It had been cancelled before (the first mark is kept; leftover jobs are removed again). */
  already: boolean;
  /** What it was before: in-progress, abandoned, ... (absent only if its folder appeared meanwhile). */
  before?: UnfinishedRunState;
  /** Jobs of its flow taken out of BullMQ (queued, waiting for children, delayed, done). */
  removedJobs: number;
  /**
   * Jobs a worker held when cancelled: each was asked to stop (see queues/cancel-requests.ts); its
   * worker aborts it between steps, within seconds, and records it cancelled, not retried. The
   * build then refuses to publish. A job held by a dead worker stays listed until its lock expires.
   */
  stillRunning: string[];
}

/**
 * Cancels a run that is in progress or abandoned — e.g. a forced revision whose process was
 * killed, which a worker would otherwise finish later. Order matters: the mark goes into the
 * staging folder first (from then on no build publishes it, see RunStore.finish and the build
 * processor), then the flow's jobs that no worker holds are removed from BullMQ (in whatever
 * namespace they wait), then the workers holding the others are asked to abort them (BullMQ's
 * `worker.cancelJob`, reached through the queue's event stream), then the change is appended to
 * the audit log.
 */
export async function cancelRun(runId: string, reason: string | undefined, deps: CancelDeps): Promise<CancelOutcome> {
  const { job, date } = parseRunId(runId);
  const { store, queues } = deps;
  if (!queues.authoritative) throw new Error(`cannot cancel ${runId} from here: ${queues.notAuthoritativeWhy ?? 'the queue cannot be seen'}`);
  const [before] = await unfinishedRunStates((await store.unfinished({ job, date })).filter((r) => r.runId === runId), queues);
  const fresh: CancelMark = { runId, cancelledAt: (deps.now ?? new Date()).toISOString(), by: deps.who, ...(reason ? { reason } : {}) };
  // Refuses a finished run and one that does not exist, naming it.
  const { mark, already } = await store.cancel(fresh, parseRunId);
  const flow = await queues.locate(runId);
  let removedJobs = 0;
  const stillRunning: string[] = [];
  if (flow) {
    const jobs = [flow.build, ...(await flowJobsOf(flow))];
    // Queued children first (a worker holding one keeps it), then the whole flow if nothing is held.
    await flow.build.removeUnprocessedChildren();
    await flow.reports.remove(runId, { removeChildren: true });
    const held: { queue: string; id: string }[] = [];
    for (const j of jobs) {
      const state = await j.getState();
      if (state === 'unknown') removedJobs += 1;
      else if (state === 'active') held.push({ queue: j.queueName, id: j.id! });
    }
    stillRunning.push(...held.map((j) => `${j.queue}/${j.id}`));
    const why = `run ${runId} cancelled by ${mark.by}${mark.reason ? `: ${mark.reason}` : ''}`;
    for (const queue of new Set(held.map((j) => j.queue))) {
      await requestCancel({ connection: flow.reports.opts.connection, prefix: flow.prefix }, queue, held.filter((j) => j.queue === queue).map((j) => j.id), why);
    }
  }
  await appendAudit(deps.auditLog, {
    who: deps.who, action: 'run cancel', subject: runId,
    before: before ? { state: before.state, detail: before.detail } : null,
    after: { state: 'cancelled', reason: mark.reason ?? null, removedJobs, stillRunning, alreadyCancelledAt: already ? mark.cancelledAt : null },
  }, deps.now);
  return { runId, mark, already, before, removedJobs, stillRunning };
}
