import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunStore} from '../../jobs/runtime/run-store';
import { runIdOf, type RunManifest } from '../../jobs/runtime/run-store';

/**
 * A finished run in a run store, written through the real RunStore (staging, then rename), with
 * one output file — for tests of what happens after a run (delivery, history, housekeeping).
 */
export async function writeFinishedRun(
  store: RunStore,
  opts: { job?: string; date: string; revision?: number; status?: RunManifest['status']; finishedAt?: Date; evidence?: string[] },
): Promise<{ manifest: RunManifest; runDir: string }> {
  const job = opts.job ?? 'daily-ops-report';
  const revision = opts.revision ?? 1;
  const staging = await store.createStaging(job, opts.date, revision);
  const file = `${job}-${opts.date}.xlsx`;
  await writeFile(path.join(staging, file), `report of ${opts.date}`);
  for (const e of opts.evidence ?? []) {
    await mkdir(path.dirname(path.join(staging, e)), { recursive: true });
    await writeFile(path.join(staging, e), 'evidence');
  }
  const finishedAt = opts.finishedAt ?? new Date();
  const status = opts.status ?? 'ok';
  const manifest: RunManifest = {
    runId: runIdOf(job, opts.date, revision), job, dataDate: opts.date, revision, status,
    startedAt: new Date(finishedAt.getTime() - 5_000).toISOString(), finishedAt: finishedAt.toISOString(), durationMs: 5_000,
    sources: [{ botId: 'core-banking.transactions', status: status === 'ok' ? 'ok' : 'failed', count: status === 'ok' ? 400 : null, expected: status === 'ok' ? 400 : null, file: null, sha256: null, durationMs: 1200, evidence: opts.evidence ?? [] }],
    outputs: status === 'failed' ? [] : [{ file, sha256: 'a'.repeat(64), bytes: 20 }],
    stages: { build: 300 },
    errors: status === 'ok' ? [] : [{ source: 'core-banking.transactions', message: 'HTTP 503 after 3 attempts', evidence: opts.evidence ?? [] }],
    details: {},
  };
  const runDir = await store.finish(manifest);
  return { manifest, runDir };
}
