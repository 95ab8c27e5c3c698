import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { BuildPayload, DeliverPayload, ExtractPayload, payloadProblems } from '../queues';
import type { JobRegistry } from '../registries';
import type { RuntimeDeps } from '../runtime-deps';
import { TriggerPayload } from '../scheduler/trigger-queue';
import { isInside, parseRunId, PathOutsideError, realFileInside, realPathInside, RunManifest, runIdOf, type RunStore } from '../run-store';

/** A payload no worker may act on; the job fails unrecoverably with this reason (see refuse-job.ts). */
export class RefusedPayload extends Error {}

// What the schemas (queues/payloads.ts) cannot know: the worker's jobs and bots, and the disk.
// Every folder is compared after realpath, so a symlink planted on the way changes nothing.

/** What the checks compare a payload with: the jobs and bots this worker was handed, its run store. */
export type PayloadCheckDeps = Pick<RuntimeDeps, 'jobs' | 'bots' | 'store'>;

export async function checkExtractPayload(data: unknown, deps: PayloadCheckDeps): Promise<ExtractPayload> {
  const p = parsed(ExtractPayload, data);
  knownJob(deps.jobs, p.job);
  if (!deps.bots.has(p.botId)) refuse(`botId: unknown bot ${JSON.stringify(p.botId)}`);
  sameRun(p);
  // The run's staging folder, or a folder of it (a source with a `dir`, e.g. history/2026-11-19).
  await folderOfRun(deps.store, p.runDir, deps.store.stagingDir(p.job, p.date, p.revision), 'inside');
  return p;
}

export async function checkBuildPayload(data: unknown, deps: PayloadCheckDeps): Promise<BuildPayload> {
  const p = parsed(BuildPayload, data);
  const def = knownJob(deps.jobs, p.job);
  sameRun(p);
  const runDir = await folderOfRun(deps.store, p.runDir, deps.store.stagingDir(p.job, p.date, p.revision), 'exactly');
  // The options decide which sources the build reads and from which folders (history days).
  let sources;
  try {
    sources = def.sources({ date: p.date, options: p.options });
  } catch (err) {
    refuse(`options: ${(err as Error).message}`);
  }
  for (const s of sources) {
    if (!deps.bots.has(s.botId)) refuse(`options: a source of unknown bot ${JSON.stringify(s.botId)}`);
    if (s.dir) await inside(runDir, s.dir, `options: source folder`);
  }
  return p;
}

export interface CheckedDelivery {
  payload: DeliverPayload;
  /** The run folder's real path. */
  runDir: string;
  manifest: RunManifest;
}

/**
 * A delivery reads a finished run's manifest and sends and copies the files it names, so beyond
 * the payload the manifest is checked too: the run the id names, and outputs that are files inside
 * the run folder (after symlinks). A crafted manifest (`outputs[].file = ../../etc/shadow`,
 * `job = ../../tmp/x`) must copy and mail nothing.
 */
export async function checkDeliverPayload(data: unknown, deps: Pick<PayloadCheckDeps, 'jobs' | 'store'>): Promise<CheckedDelivery> {
  const payload = parsed(DeliverPayload, data);
  let id: ReturnType<typeof parseRunId>;
  try {
    id = parseRunId(payload.runId);
  } catch (err) {
    refuse(`runId: ${(err as Error).message}`);
  }
  knownJob(deps.jobs, id.job);
  const runDir = await folderOfRun(deps.store, payload.runDir, deps.store.runDir(id.job, id.date, id.revision), 'exactly');
  const file = await inside(runDir, 'manifest.json', 'manifest', true);
  let manifest: RunManifest;
  try {
    manifest = RunManifest.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (err) {
    refuse(`manifest ${file}: ${err instanceof Error && 'issues' in err ? payloadProblems(err as z.ZodError) : (err as Error).message}`);
  }
  const named = { runId: manifest.runId, job: manifest.job, dataDate: manifest.dataDate, revision: manifest.revision };
  const expected = { runId: payload.runId, job: id.job, dataDate: id.date, revision: id.revision };
  for (const k of Object.keys(expected) as (keyof typeof expected)[]) {
    if (named[k] !== expected[k]) refuse(`manifest ${file}: ${k} ${JSON.stringify(named[k])} is not ${JSON.stringify(expected[k])} (the run ${payload.runId})`);
  }
  for (const [i, o] of manifest.outputs.entries()) await inside(runDir, o.file, `manifest ${file}: outputs.${i}.file`, true);
  // Evidence paths are only named in alerts, never opened, but they too must point into the run.
  const evidence = [...manifest.errors.flatMap((e) => e.evidence), ...manifest.sources.flatMap((s) => s.evidence)];
  for (const e of evidence) {
    if (path.isAbsolute(e) || !isInside(runDir, path.resolve(runDir, e))) refuse(`manifest ${file}: evidence ${JSON.stringify(e)} is outside the run folder`);
  }
  return { payload, runDir, manifest };
}

/** How far ahead of this machine's clock a replayed fire may be (clocks of several machines differ a little). */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * A fire of a scheduled job. A replayed fire's time (`fireAt`) decides the data date, so one in
 * the future would start the run of a day that has not happened.
 */
export function checkTriggerPayload(data: unknown, deps: Pick<PayloadCheckDeps, 'jobs'>): TriggerPayload {
  const p = parsed(TriggerPayload, data);
  if (!deps.jobs.get(p.job)?.schedule) {
    const scheduled = [...deps.jobs.values()].filter((j) => j.schedule).map((j) => j.id);
    refuse(`job: ${JSON.stringify(p.job)} has no schedule (scheduled: ${scheduled.join(', ')})`);
  }
  if (p.fireAt !== undefined && p.fireAt > Date.now() + CLOCK_SKEW_MS) refuse(`fireAt: ${new Date(p.fireAt).toISOString()} is in the future`);
  return p;
}

function parsed<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const r = schema.safeParse(data);
  if (!r.success) refuse(payloadProblems(r.error));
  return r.data;
}

function knownJob(jobs: JobRegistry, id: string) {
  const def = jobs.get(id);
  if (!def) refuse(`job: unknown job ${JSON.stringify(id)}`);
  return def;
}

function sameRun(p: { runId: string; job: string; date: string; revision: number }): void {
  const id = runIdOf(p.job, p.date, p.revision);
  if (p.runId !== id) refuse(`runId: ${JSON.stringify(p.runId)} is not the run of job, date and revision (${id})`);
}

/** `dir` must be the run's folder `expected` (or, with 'inside', a folder in it), compared after realpath. */
async function folderOfRun(store: RunStore, dir: string, expected: string, how: 'exactly' | 'inside'): Promise<string> {
  const root = store.root;
  const real = await guard(() => realPathInside(root, dir, 'runDir'));
  const want = await guard(() => realPathInside(root, expected, 'the run folder'));
  if (how === 'exactly' ? real !== want : !isInside(want, real)) {
    refuse(`runDir: ${JSON.stringify(dir)} is not ${how === 'exactly' ? '' : 'inside '}the run's folder ${expected}`);
  }
  return real;
}

/** `rel` inside the (real) run folder after symlinks; with `file`, a regular file. */
async function inside(runDir: string, rel: string, what: string, file = false): Promise<string> {
  if (path.isAbsolute(rel)) refuse(`${what} ${JSON.stringify(rel)}: an absolute path (expected one relative to the run folder)`);
  return guard(() => (file ? realFileInside(runDir, rel, what) : realPathInside(runDir, rel, what)));
}

async function guard<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (err) {
    if (err instanceof PathOutsideError) refuse(err.message);
    throw err;
  }
}

function refuse(reason: string): never {
  throw new RefusedPayload(reason);
}
