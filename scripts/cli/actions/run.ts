import { triggerRun, waitForRun } from '../../../jobs/runtime/flows';
import { isoInZone, previousBusinessDay, todayInShanghai } from '../../../jobs/runtime/calendar';
import { startWorker } from '../../../jobs/runtime/worker';
import { copyRunOutputs } from '../../../jobs/runtime/run-store';
import { jobIn } from '../../../jobs/runtime/registries';
import type { RuntimeDeps } from '../../../jobs/runtime/runtime-deps';
import { jobs } from '../../../jobs';
import { processRuntime } from '../../app/process-runtime';
import { withDatabase } from '../../app/with-database';
import { requireRunnableDate } from '../data-date';
import { CliError, EXIT } from '../exit-codes';
import { onShutdown, shutdown } from '../lifecycle';
import { followProgress } from '../progress';
import { deliveryLine } from '../delivery-wait';
import { withFixtures } from '../with-fixtures';
import { fixtureWorldLines, fixtureWorldOf } from '../fixture-world';
import type { Scale } from '../../../fixtures/generator/scale';

export interface RunCommandOptions {
  date?: string;
  out?: string;
  force?: boolean;
  withFixtures?: boolean;
  /** With withFixtures: the fixture world (as for `fixtures export`). */
  seed?: number;
  scale?: Scale;
  registryData?: string;
  input?: string;
  worker?: boolean;
}

/**
 * Runs one job for one date through BullMQ and prints where its files are; returns the exit code.
 * `runtime` is what the composition root built for this command (with a fixture world's portals
 * and queues under --with-fixtures).
 */
export async function runJob(runtime: RuntimeDeps, jobId: string, opts: RunCommandOptions): Promise<number> {
  requireKnownJob(jobId);
  const date = runnableDate(opts);
  const { store } = runtime;
  const options: Record<string, unknown> = {};
  if (opts.input) options.input = opts.input;
  const t = await triggerRun(runtime, { job: jobId, date, force: opts.force, options });
  if (t.reused && t.manifest) {
    console.log(`${t.runId}: already done on ${isoInZone(new Date(t.manifest.finishedAt), 'Asia/Shanghai')} (use --force for a new revision)`);
    await noteUnfinished(runtime, jobId, date, t.revision);
  } else console.log(`${t.runId}: ${t.reused ? 'in progress, waiting' : 'started'}…`);
  let result;
  if (t.manifest) {
    result = { runDir: store.runDir(jobId, date, t.revision), status: t.manifest.status, outputs: t.manifest.outputs.map((o) => o.file) };
  } else {
    // Started only to wait for a run: a command that answers "already done" must not pick up (and
    // then wait for) the queued jobs of another run, such as a forced revision left by a crash.
    if (opts.worker !== false) {
      const worker = await startWorker(runtime);
      onShutdown(() => worker.close());
    }
    const stop = await followProgress(runtime.redis, t.runId);
    try {
      result = await waitForRun(runtime, t.runId);
    } finally {
      await stop();
    }
  }
  console.log(`${t.runId}: ${result.status}`);
  const notLatest = (await store.read(result.runDir).catch(() => undefined))?.notLatest;
  if (notLatest) console.log(`  not latest: ${notLatest.latest} (${notLatest.status}) stays the latest of ${date}; this revision was not delivered (see opsbot runs)`);
  for (const f of result.outputs) console.log(`  ${result.runDir}/${f}`);
  // The outbox the README promises; a run found already done is not waited for.
  const delivered = await deliveryLine(runtime.redis, t.runId, t.manifest ? 2_000 : undefined);
  if (delivered) console.log(delivered);
  if (opts.out) {
    const manifest = await store.read(result.runDir);
    await copyRunOutputs(result.runDir, manifest, opts.out);
    console.log(`copied to ${opts.out}`);
  }
  return result.status === 'ok' ? EXIT.ok : result.status === 'partial' ? EXIT.partial : EXIT.failed;
}

/** Says so when newer revisions of (job, date) are unfinished (e.g. a forced run whose process was killed). */
async function noteUnfinished(runtime: RuntimeDeps, job: string, date: string, revision: number): Promise<void> {
  for (const u of await runtime.store.unfinished({ job, date })) {
    if (u.revision <= revision || u.cancelled) continue;
    console.log(`  note: ${u.runId} is unfinished (see opsbot runs): a worker may still finish it; it becomes latest only if at least as good as ${u.job}/${date}/r${revision}. Stop it with: opsbot runs cancel ${u.runId}`);
  }
}

/**
 * The data date: --date (a weekend, holiday or future date only with --force, said why) or the
 * previous business day. Checked before anything starts, so a refused date leaves no run folder.
 */
function runnableDate(opts: RunCommandOptions): string {
  return opts.date ? requireRunnableDate(opts.date, { option: '--date', force: opts.force }) : previousBusinessDay(todayInShanghai());
}

/** An unknown job name (`../../etc`, a typo) is bad usage: exit 2, before anything starts. */
function requireKnownJob(jobId: string): void {
  try {
    jobIn(jobs, jobId);
  } catch (err) {
    throw new CliError((err as Error).message, EXIT.usage);
  }
}

export async function runAction(jobId: string, opts: RunCommandOptions): Promise<void> {
  requireKnownJob(jobId);
  // The fixture portals run in this process and only its worker has them in its config: another
  // worker never takes a fixture run's jobs (they are queued in this process's own world).
  if (opts.withFixtures && opts.worker === false) {
    throw new CliError('--with-fixtures with --no-worker: the fixture portals run in this process, so only its own worker can extract from them', EXIT.usage);
  }
  runnableDate(opts);
  const world = fixtureWorldOf(opts);
  try {
    // The fixture portals go into the config this command hands its worker, never into a job.
    let runtime: RuntimeDeps;
    if (world) {
      const served = await withFixtures(world);
      for (const line of fixtureWorldLines(served.fixtures)) console.log(line);
      runtime = served.runtime;
    } else runtime = await processRuntime();
    // This command's worker builds the run: it keeps the run's cases, so it needs the database.
    if (opts.worker !== false) runtime = await withDatabase(runtime);
    process.exitCode = await runJob(runtime, jobId, opts);
  } finally {
    await shutdown();
  }
}
