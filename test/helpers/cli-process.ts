import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '../..');

/**
 * What every opsbot process a test starts gets in its environment (a child reads its settings
 * there, as in production): no extraction of the 5 earlier days for the daily report's comparison
 * (test/integration/jobs/daily-history.test.ts covers that in-process, through its config).
 */
export const CHILD_ENV: NodeJS.ProcessEnv = { OPSBOT_COMPUTE_MISSING_HISTORY: 'false' };

/**
 * Starts `opsbot <args>` as a real child process running the TypeScript source through tsx, so a
 * test needs no `npm run build` and runs the code as edited (`npx opsbot` runs the compiled dist/
 * instead). `preload` modules are imported first (e.g. one that registers a test-only job).
 */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}, preload: string[] = []): { child: ChildProcess; output: () => string; waitFor: (re: RegExp, ms?: number) => Promise<RegExpMatchArray>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', ...preload.flatMap((p) => ['--import', p]), path.join(REPO, 'scripts/cli/main.ts'), ...args], {
    cwd: REPO,
    env: { ...process.env, ...CHILD_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A test that fails half-way must not leave its opsbot process (and its Redis) running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = async (re: RegExp, ms = 120_000) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const m = out.match(re);
      if (m) return m;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${re} in output:\n${out}`);
  };
  return { child, output: () => out, waitFor, exited };
}

/** Pids of redis-server processes listening on this port. */
export function redisPidsOnPort(port: string | number): number[] {
  const r = spawnSync('pgrep', ['-f', `redis-server 127.0.0.1:${port}`], { encoding: 'utf8' });
  return r.stdout.split('\n').filter(Boolean).map(Number);
}

export async function waitUntil(cond: () => boolean, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return cond();
}
