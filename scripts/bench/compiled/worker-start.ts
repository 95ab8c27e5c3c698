// `opsbot worker` from the compiled build, spawn → its "worker ready" line, with Redis (REDIS_URL)
// and PostgreSQL (DATABASE_URL) already running, so neither server's start is counted: what is
// counted is Node's start, loading the CLI and every bot and job, connecting to Redis and
// PostgreSQL (migrations already applied: a first, uncounted run applies them) and the worker's
// checks. CPU is the process's user + system time at that line (/proc/<pid>/stat). One more run
// with --cpu-prof says which modules the start spends its CPU in (self time per package).

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { attachPrivatePostgres } from '../../../jobs/runtime/db/private-postgres';
import { startEmbeddedRedis } from '../../../jobs/runtime/redis';
import type { StartupSeries } from './startup-series';

export interface WorkerStartFigures {
  series: StartupSeries;
  /** ms of one profiled start by package (node_modules/<name>), opsbot's dist/, or Node and V8 (see byPackage). */
  profileByPackage: { name: string; selfMs: number; share: number }[];
  profiledTotalMs: number;
  /** CPU ms to import each heavy package alone in a fresh Node (median of 3), heaviest first. They share dependencies, so they overlap. */
  importCpuMs: { name: string; cpuMs: number }[];
}

/** The packages the worker loads before it is ready that cost the most (found in its profile). */
const HEAVY_PACKAGES = ['echarts', 'playwright-core', 'exceljs', 'pdf-lib', '@pdf-lib/fontkit', 'bullmq', 'kysely', 'zod', 'express', 'pg', 'node-html-parser', '@bull-board/api'];

function importCpuMs(repoRoot: string, pkg: string): Promise<number> {
  const code = `const c = process.cpuUsage(); await import(${JSON.stringify(pkg)}); const u = process.cpuUsage(c); console.log((u.user + u.system) / 1000);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (exit) => (exit === 0 ? resolve(Number(out.trim())) : reject(new Error(`import('${pkg}') exited ${exit}`))));
  });
}

const CLOCK_TICKS_PER_SECOND = 100;

function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /su, '').split(' ');
  // After the command: state is field 3, utime 14 and stime 15 (1-based, counting pid and comm).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

function startOnce(repoRoot: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Promise<{ wallMs: number; cpuMs: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, path.join(repoRoot, 'scripts/bin/opsbot.mjs'), 'worker', '--concurrency', '1'], {
      cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let figure: { wallMs: number; cpuMs: number } | undefined;
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      if (!figure && out.includes('worker ready')) {
        figure = { wallMs: performance.now() - t0, cpuMs: cpuMsOf(child.pid!) };
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (figure) resolve(figure);
      else reject(new Error(`worker exited (${code}) before it was ready:\n${out.slice(-3000)}`));
    });
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface ProfileNode { id: number; callFrame: { url: string; functionName: string }; children?: number[] }

const packageOf = (url: string): string | undefined =>
  /node_modules\/((?:@[^/]+\/)?[^/]+)/u.exec(url)?.[1] ?? (url.includes('/dist/') ? 'opsbot (dist/)' : undefined);

/**
 * CPU of a --cpu-prof profile by package: each sample goes to the innermost frame of its stack that
 * belongs to a package (node_modules/<name>) or to opsbot's dist/, so the time Node's loader spends
 * compiling a package's files counts for the package that loads them; samples with no such frame are
 * V8's or Node's own (idle = waiting, e.g. on Redis and PostgreSQL).
 */
function byPackage(file: string): { rows: WorkerStartFigures['profileByPackage']; totalMs: number } {
  const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const owner = new Map<number, string>();
  const ownerOf = (id: number): string => {
    const known = owner.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    let found: string | undefined;
    for (let at: number | undefined = id; at !== undefined && !found; at = parent.get(at)) found = packageOf(byId.get(at)!.callFrame.url);
    const name = found ?? (node.callFrame.functionName === '(idle)' ? '(idle)' : node.callFrame.functionName === '(garbage collector)' ? '(garbage collector)' : 'Node and V8 (no package on the stack)');
    owner.set(id, name);
    return name;
  };
  const us = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const d = p.timeDeltas[i] ?? 0;
    total += d;
    const name = ownerOf(id);
    us.set(name, (us.get(name) ?? 0) + d);
  });
  const rows = [...us.entries()].sort((a, b) => b[1] - a[1]).map(([name, v]) => ({ name, selfMs: v / 1000, share: total ? v / total : 0 }));
  return { rows, totalMs: total / 1000 };
}

export async function measureWorkerStart(o: { repoRoot: string; runs: number; log: (line: string) => void }): Promise<WorkerStartFigures> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'opsbot-worker-start-servers-'));
  // The private PostgreSQL runs as the postgres user when we are root: it must enter the folder.
  await import('node:fs/promises').then((fs) => fs.chmod(root, 0o711));
  const redis = await startEmbeddedRedis(path.join(root, 'redis'));
  const pgServer = await attachPrivatePostgres(path.join(root, 'postgres'));
  try {
    const admin = new pg.Client(pgServer.connection);
    await admin.connect();
    await admin.query('CREATE DATABASE worker_start');
    await admin.end();
    // One var dir (and so one run store) for every start: workers refuse a store other than the one they share.
    const env = { ...process.env, OPSBOT_VAR_DIR: path.join(root, 'var'), REDIS_URL: redis.url, DATABASE_URL: `postgresql://${pgServer.connection.user}@/worker_start?host=${pgServer.connection.host}` };
    o.log('compiled: worker start, a first run (migrations; not counted) ...');
    await startOnce(o.repoRoot, env);
    const runs: { wallMs: number; cpuMs: number }[] = [];
    for (let i = 0; i < o.runs; i++) runs.push(await startOnce(o.repoRoot, env));
    const profDir = path.join(root, 'prof');
    await startOnce(o.repoRoot, env, ['--cpu-prof', '--cpu-prof-dir', profDir]);
    // The profile is written as the worker exits after SIGTERM.
    const files = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
    const profile = files.length ? byPackage(path.join(profDir, files[0]!)) : { rows: [], totalMs: 0 };
    const wall = runs.map((r) => r.wallMs);
    const cpu = runs.map((r) => r.cpuMs);
    const series: StartupSeries = {
      label: '`opsbot worker` until ready, `REDIS_URL` and `DATABASE_URL` (both servers already running)',
      runs: o.runs, wallMedianMs: median(wall), wallMinMs: Math.min(...wall), cpuMedianMs: median(cpu), cpuMinMs: Math.min(...cpu),
    };
    const importCpu: { name: string; cpuMs: number }[] = [];
    for (const name of HEAVY_PACKAGES) {
      const runsOf = [await importCpuMs(o.repoRoot, name), await importCpuMs(o.repoRoot, name), await importCpuMs(o.repoRoot, name)];
      importCpu.push({ name, cpuMs: median(runsOf) });
    }
    importCpu.sort((a, b) => b.cpuMs - a.cpuMs);
    o.log(`  ready after ${(series.wallMedianMs / 1000).toFixed(2)} s (median), CPU ${(series.cpuMedianMs! / 1000).toFixed(2)} s`);
    return { series, profileByPackage: profile.rows.slice(0, 14), profiledTotalMs: profile.totalMs, importCpuMs: importCpu };
  } finally {
    await redis.stop();
    await pgServer.release();
    rmSync(root, { recursive: true, force: true });
  }
}
