// Runs one benchmark task in its own node process, so each figure's peak RSS is that task's
// alone (its browser included) and nothing warmed up by an earlier task helps a later one.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PeakRssSampler } from './proc-rss';

const CHILD_ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'child.ts');

export interface ChildRun<T> {
  result: T;
  /** Peak summed RSS of the child and its descendants (browser processes), MB. */
  peakRssMb: number;
  /** Peak summed PSS (shared pages split between processes): the tree's real footprint, MB. */
  peakPssMb: number;
  /** Wall time of the whole child process, start-up included, ms. */
  processMs: number;
  /** CPU time (user + system) of the child and its descendants, start-up included, ms. */
  cpuMs: number;
  /** The same by kind of process (node, chromium renderer, gpu-process, ...). */
  cpuByKind: Record<string, { cpuMs: number; processes: number }>;
}

/**
 * Starts `child.ts <task>` with `args` (JSON) and waits for the result it writes. Extra node
 * flags (e.g. `--cpu-prof`) go before the script. The child's stderr is passed through.
 */
export async function runChild<T>(task: string, args: unknown, opts: { nodeFlags?: string[]; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<ChildRun<T>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-bench-'));
  const resultFile = path.join(dir, 'result.json');
  const started = Date.now();
  const child = spawn(process.execPath, [...(opts.nodeFlags ?? []), '--import', 'tsx', CHILD_ENTRY, task, JSON.stringify(args)], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...opts.env, BENCH_RESULT_FILE: resultFile, BENCH_TMP: dir },
  });
  const sampler = new PeakRssSampler(child.pid!);
  const timeoutMs = opts.timeoutMs ?? 30 * 60_000;
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (c, signal) => resolve(signal ? -1 : c));
    });
    const peakRssMb = sampler.stop();
    const cpuMs = sampler.cpuMs();
    const peakPssMb = sampler.peakPssMb();
    const cpuByKind = sampler.cpuByKind();
    if (code !== 0) throw new Error(`bench task ${task} exited with ${code === -1 ? `a signal (timeout ${timeoutMs} ms?)` : code}`);
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as T;
    return { result, peakRssMb, peakPssMb, processMs: Date.now() - started, cpuMs, cpuByKind };
  } finally {
    sampler.stop();
    clearTimeout(timer);
    rmSync(dir, { recursive: true, force: true });
  }
}
