import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningFixtures } from '../../../fixtures/start-fixtures';

/**
 * N `opsbot worker` processes as on N hosts: each with its own OPSBOT_VAR_DIR (working folder,
 * private files, browser profile and temp space under it), sharing only the Redis URL, the queue
 * prefix and the run-store root. Used by the two-worker test (issue 20.2) and the workers bench.
 */
export interface WorkerFleet {
  /** Each worker's BullMQ name (`host:pid`, what a job's `processedBy` records). */
  names: string[];
  /** The worker processes' pids (each the root of its Chromium's process tree). */
  pids: number[];
  varDirs: string[];
  output(i: number): string;
  /** SIGTERM each (they finish their jobs), waiting for every exit. */
  stop(): Promise<void>;
}

export interface FleetOptions {
  repoRoot: string;
  workers: number;
  concurrency: number;
  redisUrl: string;
  queuePrefix: string;
  runsDir: string;
  /** Each worker's var dir is `<workDir>/worker-<i>`. */
  workDir: string;
  fixtures: RunningFixtures;
  env?: NodeJS.ProcessEnv;
}

/** The fixture portals as a deployment writes them: OPSBOT_PORTAL_<ID>_URL / _USERNAME / _PASSWORD. */
export function portalEnv(fixtures: RunningFixtures): Record<string, string> {
  const env: Record<string, string> = {};
  for (const p of fixtures.portals) {
    const id = p.id.toUpperCase().replace(/-/g, '_');
    env[`OPSBOT_PORTAL_${id}_URL`] = p.url;
    if (p.login) {
      env[`OPSBOT_PORTAL_${id}_USERNAME`] = p.login.username;
      env[`OPSBOT_PORTAL_${id}_PASSWORD`] = p.login.password;
    }
  }
  return env;
}

export async function startWorkerFleet(o: FleetOptions): Promise<WorkerFleet> {
  const children: ChildProcess[] = [];
  const outputs: string[] = [];
  const varDirs: string[] = [];
  const stop = async () => {
    await Promise.all(children.map((c) => {
      if (c.exitCode !== null || c.signalCode !== null) return undefined;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      const hard = setTimeout(() => c.kill('SIGKILL'), 30_000);
      return exited.finally(() => clearTimeout(hard));
    }));
  };
  try {
    for (let i = 0; i < o.workers; i++) {
      const varDir = path.join(o.workDir, `worker-${i}`);
      mkdirSync(varDir, { recursive: true });
      varDirs.push(varDir);
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(o.repoRoot, 'scripts/cli/main.ts'), 'worker', '--concurrency', String(o.concurrency)], {
        cwd: o.repoRoot,
        env: {
          ...process.env, OPSBOT_LOG_LEVEL: 'warn', OPSBOT_COMPUTE_MISSING_HISTORY: 'false', ...o.env, ...portalEnv(o.fixtures),
          REDIS_URL: o.redisUrl, OPSBOT_QUEUE_PREFIX: o.queuePrefix, OPSBOT_RUNS_DIR: o.runsDir, OPSBOT_VAR_DIR: varDir,
          // Its own temp space, as on its own host (Chromium's profile and Playwright's files go there).
          TMPDIR: path.join(varDir, 'tmp'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      mkdirSync(path.join(varDir, 'tmp'), { recursive: true });
      const kill = () => child.kill('SIGKILL');
      process.once('exit', kill);
      child.once('exit', () => process.off('exit', kill));
      outputs.push('');
      child.stdout!.on('data', (d: Buffer) => (outputs[i] += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (outputs[i] += d.toString()));
      children.push(child);
    }
    // Ready one by one is not needed: wait for all, failing on the first that exits.
    await Promise.all(children.map((c, i) => ready(c, () => outputs[i]!)));
    return { names: children.map((c) => `${os.hostname()}:${c.pid}`), pids: children.map((c) => c.pid!), varDirs, output: (i) => outputs[i]!, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function ready(child: ChildProcess, output: () => string, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (/worker ready/.test(output())) return;
    if (child.exitCode !== null) throw new Error(`worker exited ${child.exitCode} before it was ready:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`worker not ready within ${ms / 1000} s:\n${output()}`);
}
