import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { normaliseRunSpecific } from './normalise-run-specific';
import { workbookCellValues } from './workbook-cells';

/**
 * The one world the golden outputs come from: same portals (fixture world of this seed and scale),
 * same data date. Changing any of these means re-capturing from the pre-refactor commit (README).
 */
export const GOLDEN_SEED = 7;
export const GOLDEN_SCALE = 'small';
export const GOLDEN_DATE = '2026-11-20';
export const GOLDEN_JOBS = ['daily-ops-report', 'annual-review-check'] as const;
export type GoldenJob = (typeof GOLDEN_JOBS)[number];

/** The captured files of each job, as its spec names them; each workbook is kept as its cell values. */
const KEPT_JSON: Record<GoldenJob, string[]> = {
  'daily-ops-report': ['kpis.json'],
  'annual-review-check': ['mismatches.json', 'results.json'],
};

export const GOLDEN_DIR = import.meta.dirname;
export const REPO_OF_THIS_CHECKOUT = path.resolve(import.meta.dirname, '../..');

/**
 * Runs `opsbot run <job> --with-fixtures` in `repoRoot` as a child process (the CLI is the stable
 * boundary: the refactor moves modules, not commands), with a fresh var dir so the run is
 * revision 1 and nothing is reused. Resolves to the `--out` directory holding the outputs.
 */
export async function runJobThroughCli(repoRoot: string, job: GoldenJob): Promise<string> {
  const work = mkdtempSync(path.join(tmpdir(), `opsbot-golden-${job}-`));
  // The run keeps its cases in a private PostgreSQL under the var dir; as root that server runs as
  // the postgres OS user, which must be able to enter this folder (mkdtemp makes it owner-only).
  chmodSync(work, 0o711);
  const outDir = path.join(work, 'out');
  const args = ['run', job, '--with-fixtures', '--seed', String(GOLDEN_SEED), '--scale', GOLDEN_SCALE, '--date', GOLDEN_DATE, '--out', outDir];
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/cli/main.ts'), ...args], {
    cwd: repoRoot,
    // No history extraction for the daily report's comparison (the same choice vitest.config.ts
    // makes for every opsbot process a test starts), so both sides see the same empty history.
    env: { ...process.env, OPSBOT_VAR_DIR: path.join(work, 'var'), OPSBOT_COMPUTE_MISSING_HISTORY: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  process.off('exit', killOnExit);
  if (code !== 0) throw new Error(`opsbot run ${job} exited ${code} (expected 0) in ${repoRoot}:\n${output.slice(-4000)}`);
  return outDir;
}

/**
 * Runs the job in `repoRoot` and returns its kept outputs, normalised; the run's temporary folder
 * (var dir and copies) is removed once read, and kept when the run fails, for its evidence.
 */
export async function runAndKeep(repoRoot: string, job: GoldenJob): Promise<Record<string, unknown>> {
  const outDir = await runJobThroughCli(repoRoot, job);
  const outputs = await keptOutputs(job, outDir);
  rmSync(path.dirname(outDir), { recursive: true, force: true });
  return outputs;
}

/** The kept outputs of one run, normalised: file name → JSON value (workbooks as `<name>.xlsx.cells.json`). */
export async function keptOutputs(job: GoldenJob, outDir: string): Promise<Record<string, unknown>> {
  const kept: Record<string, unknown> = {};
  for (const name of KEPT_JSON[job]) kept[name] = JSON.parse(readFileSync(path.join(outDir, name), 'utf8'));
  const workbooks = readdirSync(outDir).filter((f) => f.endsWith('.xlsx'));
  if (workbooks.length === 0) throw new Error(`no .xlsx in ${outDir}`);
  for (const name of workbooks) kept[`${name}.cells.json`] = await workbookCellValues(path.join(outDir, name));
  return normaliseRunSpecific(kept) as Record<string, unknown>;
}
