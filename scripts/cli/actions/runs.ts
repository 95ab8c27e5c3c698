import { readFileSync } from 'node:fs';
import path from 'node:path';
import { localDateTimeOf } from '../../../bots/records';
import { actor } from '../../../jobs/runtime/audit';
import { runtimePaths } from '../../../jobs/runtime/config';
import { cancelRun, RunQueues, stateWithoutQueue, unfinishedRunStates, type UnfinishedRunState } from '../../../jobs/runtime/flows';
import { redisOptionsOf } from '../../../jobs/runtime/queues';
import { parseRunId, RunCancelledError, runStoreOf, safeSegment, type RunManifest, type RunStore } from '../../../jobs/runtime/run-store';
import { processConfig } from '../../app/process-config';
import { processRedis, startedPrivateRedis } from '../../app/process-redis';
import { CliError, EXIT } from '../exit-codes';
import { shutdown } from '../lifecycle';

const ZONE = 'Asia/Shanghai';

/** Beijing time, as the reports and portals show it: `2026-11-21 07:31:05`. */
function local(iso: string | undefined): string {
  return iso ? localDateTimeOf(new Date(iso)) : '-';
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** Per-source counts: the number, or why it is missing (never a silent zero). */
function counts(m: RunManifest): string {
  return m.sources.map((s) => `${s.botId}=${s.count ?? 'missing'}`).join(' ');
}

type Row = { runId: string; job: string; date: string; revision: number; cells: string[] };

const HEADER = ['RUN', 'DATA DATE', 'STATUS', 'LATEST', 'DURATION', `STARTED (${ZONE})`, `FINISHED (${ZONE})`, 'SOURCES / STATE'];

function finishedRow(m: RunManifest, latest: boolean): Row {
  const note = m.notLatest ? `  (not latest: ${m.notLatest.latest} ${m.notLatest.status} stays; not delivered)` : '';
  return {
    runId: m.runId, job: m.job, date: m.dataDate, revision: m.revision,
    cells: [m.runId, m.dataDate, m.status, latest ? 'yes' : '', seconds(m.durationMs), local(m.startedAt), local(m.finishedAt), `${counts(m)}${note}`],
  };
}

function unfinishedRow(u: UnfinishedRunState): Row {
  return { runId: u.runId, job: u.job, date: u.date, revision: u.revision, cells: [u.runId, u.date, u.state, '', '-', local(u.startedAt), '-', u.detail] };
}

/** Columns as wide as their widest cell; the last one runs free. */
function table(rows: string[][]): string[] {
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd());
}

/**
 * The queue as this process sees it. Without REDIS_URL the CLI starts the private Redis of the
 * var folder — unless another opsbot process holds it right now; then this one runs a Redis of its
 * own (see embedded-redis.ts, `owner.pid`), where the other's runs cannot be seen: a missing build
 * job there proves nothing, so such runs are `unknown`, and cancelling is refused.
 */
async function openRunQueues(): Promise<RunQueues> {
  const cfg = processConfig();
  const connection = redisOptionsOf(await processRedis(cfg).endpoint());
  let authoritative = true;
  let notAuthoritativeWhy: string | undefined;
  if (startedPrivateRedis()) {
    const dir = runtimePaths(cfg).redisDir;
    const owner = Number(readFileSyncOr(path.join(dir, 'owner.pid')));
    if (owner !== process.pid) {
      authoritative = false;
      notAuthoritativeWhy = `another opsbot process${owner ? ` (pid ${owner})` : ''} holds the Redis of ${dir}: its queue cannot be seen from here (wait until it ends, or set REDIS_URL)`;
    }
  }
  return new RunQueues(connection, cfg.queuePrefix, authoritative, notAuthoritativeWhy);
}

function readFileSyncOr(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Unfinished runs with their state; Redis is started only when there are some. */
async function unfinishedWithState(store: RunStore, filter: { job?: string; date?: string }): Promise<UnfinishedRunState[]> {
  const unfinished = await store.unfinished(filter);
  if (!unfinished.length) return [];
  const queues = await openRunQueues();
  try {
    return await unfinishedRunStates(unfinished, queues);
  } catch (err) {
    // Redis down: the finished runs are still worth listing; the unfinished ones cannot be judged.
    return unfinished.map((u) => stateWithoutQueue(u, `Redis did not answer (${(err as Error).message}): whether a worker will finish it is unknown`));
  } finally {
    await queues.close().catch(() => undefined);
  }
}

/** `opsbot runs`: finished, in-progress, abandoned and cancelled revisions, newest data date first, with a header. */
export async function runsList(o: { job?: string; limit: number }): Promise<void> {
  if (o.job) usage(() => safeSegment(o.job!));
  try {
    const store = runStoreOf(processConfig());
    const finished = await store.list({ job: o.job });
    const latest = new Set<string>();
    for (const m of finished) {
      const l = await store.latest(m.job, m.dataDate);
      if (l) latest.add(l.runId);
    }
    const rows = [...finished.map((m) => finishedRow(m, latest.has(m.runId))), ...(await unfinishedWithState(store, { job: o.job })).map(unfinishedRow)]
      .sort((a, b) => b.date.localeCompare(a.date) || b.revision - a.revision || a.job.localeCompare(b.job))
      .slice(0, o.limit || undefined);
    if (!rows.length) {
      console.error(`no runs${o.job ? ` of ${o.job}` : ''} in ${store.root}`);
      return;
    }
    for (const line of table([HEADER, ...rows.map((r) => r.cells)])) console.log(line);
  } finally {
    await shutdown();
  }
}

function details(m: RunManifest, runDir: string, isLatest: boolean): string[] {
  const out = [
    `run        ${m.runId}`,
    `job        ${m.job}`,
    `data date  ${m.dataDate} (revision ${m.revision})`,
    `status     ${m.status}`,
    `latest     ${isLatest ? 'yes' : m.notLatest ? `no: ${m.notLatest.latest} (${m.notLatest.status}) stays the date's latest; this revision was not delivered` : 'no: a later revision replaced it'}`,
    `started    ${local(m.startedAt)} (${ZONE})`,
    `finished   ${local(m.finishedAt)} (${ZONE}, ${seconds(m.durationMs)})`,
    `folder     ${runDir}`,
    'sources:',
    ...m.sources.map((s) => `  ${s.botId.padEnd(32)} ${s.status.padEnd(6)} ${s.count === null ? 'missing' : `${s.count}${s.expected !== null ? ` of ${s.expected}` : ''}`}${s.durationMs !== null ? `  ${seconds(s.durationMs)}` : ''}`),
    'outputs:',
    ...(m.outputs.length ? m.outputs.map((o) => `  ${path.join(runDir, o.file)}  ${o.bytes} bytes  sha256 ${o.sha256}`) : ['  (none)']),
  ];
  if (Object.keys(m.stages).length) out.push(`stages     ${Object.entries(m.stages).map(([k, v]) => `${k} ${seconds(v)}`).join(', ')}`);
  if (m.errors.length) {
    out.push('failures:');
    for (const e of m.errors) {
      out.push(`  ${e.source ? `${e.source}: ` : ''}${e.message}`);
      for (const ev of e.evidence) out.push(`    evidence ${path.isAbsolute(ev) ? ev : path.join(runDir, ev)}`);
    }
  }
  return out;
}

/** What the user typed, refused as bad usage (exit 2). */
function usage<T>(check: () => T): T {
  try {
    return check();
  } catch (err) {
    throw new CliError((err as Error).message, EXIT.usage);
  }
}

function runRef(runId: string): ReturnType<typeof parseRunId> {
  return usage(() => parseRunId(runId));
}

/** `opsbot runs show <run-id>`: a finished run in full, or what an unfinished one is doing. */
export async function runsShow(runId: string): Promise<void> {
  try {
    const ref = runRef(runId);
    const store = runStoreOf(processConfig());
    const runDir = store.runDir(ref.job, ref.date, ref.revision);
    const m = await store.readById(runId, parseRunId).catch(() => undefined);
    if (m) {
      const isLatest = (await store.latest(ref.job, ref.date))?.runId === m.runId;
      for (const l of details(m, runDir, isLatest)) console.log(l);
      return;
    }
    const [u] = (await unfinishedWithState(store, { job: ref.job, date: ref.date })).filter((x) => x.runId === runId);
    if (!u) throw new CliError(`no run ${runId} in ${store.root}`, EXIT.usage);
    for (const l of [`run        ${u.runId}`, `status     ${u.state}: ${u.detail}`, `started    ${local(u.startedAt)} (${ZONE})`, `folder     ${u.dir}`]) console.log(l);
  } finally {
    await shutdown();
  }
}

/** `opsbot runs cancel <run-id>`: stops a run in progress or abandoned; audited. */
export async function runsCancel(runId: string, o: { reason?: string }): Promise<void> {
  const ref = runRef(runId);
  try {
    const queues = await openRunQueues();
    try {
      const store = runStoreOf(processConfig());
      const cfg = processConfig();
      const r = await cancelRun(runId, o.reason, { store, queues, auditLog: runtimePaths(cfg).auditLog, who: actor(cfg.adminName) }).catch((err: unknown) => {
        if (err instanceof RunCancelledError) throw new CliError(err.message, EXIT.usage);
        throw err;
      });
      const was = r.before ? ` (was ${r.before.state}: ${r.before.detail})` : '';
      console.log(r.already ? `${runId}: already cancelled by ${r.mark.by} at ${local(r.mark.cancelledAt)}` : `${runId}: cancelled${was}`);
      console.log(`  ${r.removedJobs} job(s) removed from the queues; its folder stays as evidence: ${store.stagingDir(ref.job, ref.date, ref.revision)}`);
      if (r.stillRunning.length) console.log(`  running on a worker, asked to stop (it stops between steps, within seconds, and is not retried; the run will not be published): ${r.stillRunning.join(', ')}`);
    } finally {
      await queues.close();
    }
  } finally {
    await shutdown();
  }
}
