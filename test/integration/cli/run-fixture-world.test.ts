import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFixtures } from '../../../fixtures/export/export-fixtures';
import { CHILD_ENV, REPO } from '../../helpers/cli-process';

const DATE = '2026-02-13';
const JOB = 'daily-ops-report';

interface Cli {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `opsbot <args>` in a child process, stdout and stderr apart (they carry different things). */
function opsbot(args: string[], env: NodeJS.ProcessEnv): Promise<Cli> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts/cli/main.ts'), ...args], {
    cwd: REPO, env: { ...process.env, ...CHILD_ENV, REDIS_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => {
    process.off('exit', kill);
    resolve({ code, stdout, stderr });
  }));
}

const jsonLines = (file: string) => readFile(file, 'utf8').then((t) => t.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>));

/**
 * `opsbot run --with-fixtures --seed 7` as a user runs it (one small daily report, ~1 min): the
 * world is the one `fixtures export --seed 7` describes, the console carries progress and results
 * (the JSON log goes to var/logs), each bot's progress ends at what it stored, and the delivered
 * copy is printed where the README says.
 */
describe('opsbot run --with-fixtures (a child process)', () => {
  let root: string;
  let run: Cli;
  let runDir: string;
  let manifest: { sources: { botId: string; count: number | null }[] };
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'opsbot-run-world-'));
    run = await opsbot(['run', JOB, '--with-fixtures', '--seed', '7', '--scale', 'small', '--date', DATE], { OPSBOT_VAR_DIR: path.join(root, 'var') });
    runDir = path.join(root, 'var', 'runs', JOB, DATE, 'r1');
    manifest = JSON.parse(await readFile(path.join(runDir, 'manifest.json'), 'utf8')) as typeof manifest;
  }, 300_000);
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('serves the world of --seed / --scale, says which, and reads what fixtures export of that world lists', async () => {
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^fixture portals \(seed 7, scale small\):$/m);
    expect(run.stdout).toMatch(/^ {2}\S+\s+core-banking\s+http:\/\/127\.0\.0\.1:\d+$/m);
    const countsOf = async (seed: number) => {
      const r = await exportFixtures({ seed, scale: 'small', date: DATE, outDir: path.join(root, `export-${seed}`) });
      return Object.fromEntries(r.files.map((f) => [f.file, f.records]));
    };
    const [seven, fortyTwo] = [await countsOf(7), await countsOf(42)];
    const stored = (bot: string) => manifest.sources.find((s) => s.botId === bot)?.count;
    // The two worlds differ, so the comparison can tell which one was served.
    expect(seven['transactions.jsonl']).not.toBe(fortyTwo['transactions.jsonl']);
    expect(stored('core-banking.transactions')).toBe(seven['transactions.jsonl']);
    expect(stored('aml.alerts')).toBe(seven['aml-alerts.jsonl']);
    expect(stored('queue.tickets')).toBe(seven['queue-tickets.jsonl']);
  });

  it('refuses --seed / --scale without --with-fixtures (exit 2) rather than ignoring them', async () => {
    const r = await opsbot(['run', JOB, '--seed', '7', '--date', DATE], { OPSBOT_VAR_DIR: path.join(root, 'var-refused') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--seed: only with --with-fixtures/);
  });

  it('keeps the JSON log off the console: it goes to var/logs, the console gets readable lines', async () => {
    const logs = path.join(root, 'var', 'logs');
    const [file] = readdirSync(logs);
    expect(run.stdout).toContain(`full log: ${path.join(logs, file!)}`);
    for (const [name, text] of Object.entries({ stdout: run.stdout, stderr: run.stderr })) {
      expect(text.split('\n').filter((l) => l.trimStart().startsWith('{')), name).toEqual([]);
    }
    const lines = await jsonLines(path.join(logs, file!));
    expect(lines.filter((l) => l.msg === 'extraction complete').map((l) => l.bot)).toEqual(expect.arrayContaining(['aml.alerts', 'core-banking.transactions']));
  });

  it("shows each bot's progress against the total it finally stored", () => {
    for (const s of manifest.sources) {
      const lines = run.stdout.split('\n').filter((l) => l.startsWith(`${s.botId}: `));
      expect(lines.at(-1), s.botId).toBe(`${s.botId}: done, ${s.count} record${s.count === 1 ? '' : 's'}`);
      const totals = lines.map((l) => /\/ (\d+)$/.exec(l)?.[1]).filter(Boolean).map(Number);
      expect(totals.filter((t) => t !== s.count), s.botId).toEqual([]);
    }
    expect(manifest.sources.length).toBeGreaterThan(5);
  });

  it('prints where the delivered copy is (var/outbox/<job>/<date>/r<revision>/), and it is there', () => {
    const outbox = path.join(root, 'var', 'outbox', JOB, DATE, 'r1');
    expect(run.stdout).toContain(`delivered to ${outbox}/`);
    expect(existsSync(path.join(outbox, `${JOB}-${DATE}.xlsx`))).toBe(true);
  });
});
