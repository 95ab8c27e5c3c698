import type { Job } from 'bullmq';
import { isoInZone } from '../calendar';
import type { UnfinishedRun } from '../run-store';
import type { LocatedFlow, RunQueues } from './run-queues';

export type UnfinishedState = 'in-progress' | 'abandoned' | 'cancelled' | 'unknown';

export interface UnfinishedRunState extends UnfinishedRun {
  state: UnfinishedState;
  /** What it is doing or why it stopped, for `opsbot runs`. */
  detail: string;
  /** From its build job when Redis has it, else when its folder was made. */
  startedAt: string;
}

/**
 * What became of each revision still in staging, asked of its build job in Redis:
 * - `cancelled`: an admin cancelled it (`opsbot runs cancel`); never published;
 * - `in-progress`: its build job is waiting for its extractions, queued or running — a worker
 *   finishes it, also after a crash and a restart (the jobs are in Redis's AOF);
 * - `abandoned`: Redis has no build job for it (a flushed Redis, a private Redis that was lost),
 *   its build failed without publishing, or it waits in a fixture world whose process has ended
 *   (no other worker takes a world's jobs) — nothing will finish it;
 * - `unknown`: this process cannot see the deployment's queue (see `RunQueues.authoritative`).
 */
export async function unfinishedRunStates(runs: UnfinishedRun[], queues: RunQueues): Promise<UnfinishedRunState[]> {
  const out: UnfinishedRunState[] = [];
  for (const run of runs) out.push(await stateOf(run, queues));
  return out;
}

/** What can be said without the queue: cancelled (the mark says so), else unknown because of `why`. */
export function stateWithoutQueue(run: UnfinishedRun, why: string): UnfinishedRunState {
  const base = { ...run, startedAt: run.createdAt };
  if (!run.cancelled) return { ...base, state: 'unknown', detail: why };
  const { by, cancelledAt, reason } = run.cancelled;
  return { ...base, state: 'cancelled', detail: `cancelled by ${by} at ${isoInZone(new Date(cancelledAt), 'Asia/Shanghai')}${reason ? `: ${reason}` : ''}` };
}

async function stateOf(run: UnfinishedRun, queues: RunQueues): Promise<UnfinishedRunState> {
  const base = { ...run, startedAt: run.createdAt };
  if (run.cancelled) return stateWithoutQueue(run, '');
  const flow = await queues.locate(run.runId);
  if (!flow) {
    if (!queues.authoritative) return stateWithoutQueue(run, queues.notAuthoritativeWhy ?? 'the queue cannot be seen from here');
    return { ...base, state: 'abandoned', detail: `its jobs are not in Redis (a crash with a lost or flushed Redis, or a fixture run whose process ended): nothing will finish it; \`opsbot runs cancel ${run.runId}\` marks it` };
  }
  const startedAt = (flow.build as Job<{ startedAt?: string }>).data.startedAt ?? run.createdAt;
  const workers = await queues.hasWorkers(flow.prefix);
  if (flow.world && workers === false) {
    return { ...base, startedAt, state: 'abandoned', detail: `its jobs wait in fixture world ${flow.world}, whose process has ended (its portals with it): nothing will finish it; \`opsbot runs cancel ${run.runId}\` removes them` };
  }
  const where = flow.world ? ` (fixture world ${flow.world})` : '';
  const idle = workers === false ? '; no worker is connected: it continues when one starts' : '';
  const state = await flow.build.getState();
  switch (state) {
    case 'waiting-children':
      return { ...base, startedAt, state: 'in-progress', detail: `extracting${where}: ${await extractionCounts(flow, workers !== false)}${idle}` };
    case 'waiting':
    case 'prioritized':
      return { ...base, startedAt, state: 'in-progress', detail: `build queued${where}${idle}` };
    case 'delayed':
      return { ...base, startedAt, state: 'in-progress', detail: `build waiting to be retried${where}${idle}` };
    case 'active':
      return { ...base, startedAt, state: 'in-progress', detail: `building${where}` };
    case 'failed':
      return { ...base, startedAt, state: 'abandoned', detail: `its build failed without publishing: ${flow.build.failedReason || 'no reason recorded'}` };
    default:
      return { ...base, startedAt, state: 'abandoned', detail: `its build job is ${state} but the run was not published` };
  }
}

/**
 * "3 of 8 extractions done, 1 running, 4 queued" over the whole flow (sources that run after others
 * included). With no worker alive an active job is one whose worker died: "interrupted".
 */
async function extractionCounts(flow: LocatedFlow, workersAlive: boolean): Promise<string> {
  const jobs = await flowJobsOf(flow);
  const states = await Promise.all(jobs.map((j) => j.getState()));
  const n = (...s: string[]) => states.filter((x) => s.includes(x)).length;
  return `${n('completed', 'failed')} of ${jobs.length} extractions done, ${n('active')} ${workersAlive ? 'running' : 'interrupted'}, ${n('waiting', 'prioritized', 'delayed', 'waiting-children')} queued`;
}

type Node = { job: Job; children?: Node[] };

/** Every extraction job under a run's build job (BullMQ's flow tree, flattened). */
export async function flowJobsOf(flow: LocatedFlow): Promise<Job[]> {
  const tree = (await flow.flows.getFlow({ id: flow.build.id!, queueName: flow.reports.name, prefix: flow.prefix, depth: 10, maxChildren: 1000 })) as Node | undefined;
  const flat = (nodes: Node[]): Job[] => nodes.flatMap((node) => [node.job, ...flat(node.children ?? [])]).filter(Boolean);
  return flat(tree?.children ?? []);
}
