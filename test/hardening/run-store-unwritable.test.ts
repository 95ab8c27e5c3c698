import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triggerRun } from '../../jobs/runtime/flows';
import { RunStore, sha256File, type RunManifest } from '../../jobs/runtime/run-store';
import { REPO } from '../helpers/cli-process';
import { startTestRuntime, type TestRuntime } from '../helpers/test-runtime';

const JOB = 'daily-ops-report';
const DATE = '2026-11-20';
let rt: TestRuntime;

beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => {
  await rt?.stop();
});

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? allFiles(path.join(dir, n)) : [path.join(dir, n)]));
}

/** A finished r1 with one output, as a build leaves it. */
async function finishedRun(store: RunStore): Promise<{ dir: string; output: string; sha256: string }> {
  const staging = await store.createStaging(JOB, DATE, 1);
  const output = `daily-ops-report-${DATE}.pdf`;
  writeFileSync(path.join(staging, output), '%PDF-1.7 the report of r1');
  const now = new Date().toISOString();
  const manifest: RunManifest = {
    runId: `${JOB}/${DATE}/r1`, job: JOB, dataDate: DATE, revision: 1, status: 'ok', startedAt: now, finishedAt: now, durationMs: 1,
    sources: [], outputs: [{ file: output, ...(await sha256File(path.join(staging, output))) }], stages: {}, errors: [], details: {},
  };
  const dir = await store.finish(manifest);
  return { dir, output: path.join(dir, output), sha256: manifest.outputs[0]!.sha256 };
}

describe('the run store cannot be written', () => {
  it('a run store path that is not a folder: the trigger fails naming the path, and queues nothing', async () => {
    // chmod does not stop root (tests run as root in CI): a file where a folder must be does.
    const blocker = path.join(rt.varDir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const blocked = rt.with({ runsDir: path.join(blocker, 'runs') });
    const err = await triggerRun(blocked, { job: JOB, date: DATE }).catch((e: unknown) => e as NodeJS.ErrnoException);
    expect(err).toBeInstanceOf(Error);
    expect((err as NodeJS.ErrnoException).code).toBe('ENOTDIR');
    expect((err as Error).message).toContain(path.join(blocker, 'runs', JOB, DATE));
    // The trigger lock was released: the same date triggers at once once the store is back.
    const t = await triggerRun(rt.deps, { job: JOB, date: DATE });
    expect(t).toMatchObject({ runId: `${JOB}/${DATE}/r1`, reused: false });
  });

  it('disk full (file size limit): the write fails naming the file, the previous run and its outputs stay intact', async () => {
    const root = path.join(rt.varDir, 'full-disk-runs');
    mkdirSync(root);
    const store = new RunStore(root);
    const r1 = await finishedRun(store);
    const child = path.join(REPO, 'test/hardening/support/write-past-file-size-limit.ts');
    // ulimit -f counts 1024-byte blocks: 64 KiB, well under the 256 KiB the child writes.
    const out = execFileSync('bash', ['-c', `ulimit -f 64 && exec "${process.execPath}" --import tsx "${child}" "${root}" "${r1.output}"`], { cwd: REPO, encoding: 'utf8' });
    const { overwrite, newOutput } = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, { code: string; message: string } | null>;

    expect(overwrite?.code).toBe('EFBIG');
    expect(overwrite?.message).toContain(r1.output);
    expect(newOutput?.code).toBe('EFBIG');
    expect(newOutput?.message).toContain(`daily-ops-report-${DATE}.xlsx`);

    // Atomic writes: the old content, byte for byte; no half-written or temp file anywhere.
    expect((await sha256File(r1.output)).sha256).toBe(r1.sha256);
    expect(readFileSync(r1.output, 'utf8')).toBe('%PDF-1.7 the report of r1');
    expect(allFiles(root).filter((f) => f.includes('.tmp-'))).toEqual([]);
    // r2 never became a run: readers still see r1 as the latest, complete.
    expect(await store.revisions(JOB, DATE)).toEqual([{ revision: 1, finished: true }, { revision: 2, finished: false }]);
    expect((await store.latest(JOB, DATE))?.revision).toBe(1);
    expect((await store.read(r1.dir)).outputs[0]?.sha256).toBe(r1.sha256);
  });
});
