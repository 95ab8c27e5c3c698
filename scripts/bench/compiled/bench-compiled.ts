// The compiled build's section of docs/benchmarks.md: how fast `opsbot` starts from dist/, and
// whether the annual review's fast paths written while production ran through tsx still pay.
// Both are measured by plain-Node scripts in scripts/build/ (they compile and run dist/-style
// code themselves), each in its own process; this reads their JSON.

import { spawn } from 'node:child_process';
import path from 'node:path';
import type { StartupSeries } from './startup-series';
import { measureWorkerStart, type WorkerStartFigures } from './worker-start';

export type { StartupSeries } from './startup-series';

export interface StartupFigures {
  builtAt: string;
  /** `opsbot --help` compiled, `node -e 0`, `opsbot --help` from source through tsx. */
  series: StartupSeries[];
  /** `opsbot worker` until "worker ready": private Redis, then REDIS_URL. */
  workers: StartupSeries[];
}

export interface FastPathVariant {
  name: string;
  totalMs: number;
  totalCpuMs: number;
  rulesMs: number;
  loadLookupsMs: number;
}

export interface FastPathFigures {
  accounts: number;
  runs: number;
  variants: FastPathVariant[];
}

export interface CompiledFigures {
  startup: StartupFigures;
  /** The worker with both servers already running (issue 21, item 4); absent from figures measured before it. */
  workerStart?: WorkerStartFigures;
  fastPaths: FastPathFigures;
}

function nodeJson<T>(repoRoot: string, script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, script), ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as T) : reject(new Error(`${script} exited ${code}`))));
  });
}

export async function benchCompiled(o: { repoRoot: string; fastPathAccounts: number; log: (line: string) => void }): Promise<CompiledFigures> {
  o.log('compiled: start-up of opsbot --help and opsbot worker from dist/ ...');
  const startup = await nodeJson<StartupFigures>(o.repoRoot, 'scripts/build/measure-startup.mjs', ['--worker-runs', '0']);
  const workerStart = await measureWorkerStart({ repoRoot: o.repoRoot, runs: 5, log: o.log });
  o.log(`compiled: the engine's fast paths compiled in and out, ${o.fastPathAccounts} accounts ...`);
  const fastPaths = await nodeJson<FastPathFigures>(o.repoRoot, 'scripts/build/measure-fast-paths.mjs', ['--accounts', String(o.fastPathAccounts), '--runs', '5']);
  return { startup, workerStart, fastPaths };
}
