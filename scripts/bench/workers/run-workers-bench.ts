// `npm run bench -- --only workers`: runs bench-workers.ts in its own process (it starts Redis,
// PostgreSQL, the fixture portals and the worker fleets) and reads the figures it writes.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FailoverPause, WorkersBench, WorkersFigure } from './workers-section';

export async function runWorkersBench(o: { repoRoot: string; flows: number; failovers: FailoverPause[]; log: (line: string) => void }): Promise<WorkersFigure> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-bench-workers-out-'));
  const out = path.join(dir, 'workers.json');
  o.log(`workers: ${o.flows} daily-report flows with 1, 2 and 4 worker processes ...`);
  try {
    const script = path.join(o.repoRoot, 'scripts/bench/workers/bench-workers.ts');
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, '--flows', String(o.flows), '--out', out], { cwd: o.repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench-workers.ts exited ${code}`))));
    });
    const bench = JSON.parse(readFileSync(out, 'utf8')) as WorkersBench;
    return { ...bench, failovers: o.failovers };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
