import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { CHILD_ENV } from '../../../helpers/cli-process';

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const repo = path.resolve(import.meta.dirname, '../../../..');

/**
 * `opsbot worker` as a real child process. Run as `node --import tsx` (what `npx tsx` does, minus
 * tsx's wrapper process), so that a signal sent to the child reaches the worker itself — a SIGKILL
 * cannot be relayed by a wrapper.
 */
export async function spawnWorker(env: Record<string, string>, preload: string[] = []): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...preload.flatMap((p) => ['--import', p]), 'scripts/cli/main.ts', 'worker', '--concurrency', '1'], {
    cwd: repo, env: { ...process.env, ...CHILD_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  // Never leave a worker behind if the test process itself dies.
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => {
    process.off('exit', reap);
    r({ code, signal });
  }));
  const deadline = Date.now() + 120_000;
  while (!out.includes('worker ready')) {
    if (child.exitCode !== null) throw new Error(`worker exited at start:\n${out}`);
    if (Date.now() > deadline) throw new Error(`worker not ready in 120 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => out, exited };
}

export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
