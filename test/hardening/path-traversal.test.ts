import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { safeName } from '../../bots/sdk/evidence';
import { parseConfig } from '../../jobs/runtime/config';
import { triggerRun } from '../../jobs/runtime/flows';
import { linkedFiles } from '../../jobs/runtime/delivery';
import { copyRunOutputs, parseRunId, PathOutsideError, realFileInside, realPathInside, RunStore, safeSegment, type RunManifest } from '../../jobs/runtime/run-store';
import { composeRuntime } from '../../scripts/app/compose-runtime';
import { parseOutDir } from '../../scripts/cli/options';
import { REPO } from '../helpers/cli-process';

// The CLI runs with its own empty var folder: whatever it did would show there.
const varDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-paths-'));
afterAll(() => rmSync(varDir, { recursive: true, force: true }));

function cli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts/cli/main.ts'), ...args], {
      cwd: REPO, env: { ...process.env, OPSBOT_VAR_DIR: varDir }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe('paths with ../ are refused', () => {
  // Each CLI start costs seconds of tsx on a busy machine: two spawns, the rest through the same parsers.
  it('the CLI exits 2 for ../ in --out and in a job name, and writes nothing', async () => {
    const [runOut, job] = await Promise.all([
      cli(['run', 'daily-ops-report', '--date', '2026-11-20', '--out', 'reports/../../elsewhere']),
      cli(['run', '../../etc', '--date', '2026-11-20']),
    ]);
    expect(runOut.code).toBe(2);
    expect(runOut.stderr).toContain('refused --out "reports/../../elsewhere": no ".." in output paths');
    expect(job.code).toBe(2);
    expect(job.stderr).toContain('unknown job "../../etc"');
    expect(readdirSync(varDir)).toEqual([]);
  }, 180_000);

  it('--out (run and fixtures export share this parser) refuses .. with / or \\, and keeps a plain path', () => {
    for (const bad of ['..', '../x', 'a/../../b', 'reports\\..\\..\\x', '/srv/../etc']) {
      expect(() => parseOutDir(bad), bad).toThrow(InvalidArgumentError);
    }
    expect(parseOutDir('/srv/reports/2026-11-20')).toBe('/srv/reports/2026-11-20');
    expect(parseOutDir('out..dir')).toBe('out..dir');
  });

  it('names that become folders refuse separators and ..', () => {
    for (const bad of ['..', '../etc', 'a/b', 'a\\b', 'x..y', '.hidden', '', 'a\0b', '/etc']) {
      expect(() => safeSegment(bad), bad).toThrow(/refused name/);
    }
    expect(safeSegment('daily-ops-report')).toBe('daily-ops-report');
    const store = new RunStore('/srv/runs');
    expect(() => store.runDir('../../etc', '2026-11-20', 1)).toThrow(/refused name/);
    expect(() => store.runDir('daily-ops-report', '../../../etc', 1)).toThrow(/refused name/);
    expect(() => parseRunId('daily-ops-report/../../r1')).toThrow(/not a run id/);
  });

  it('a trigger with ../ in the date or the job is refused before anything is written', async () => {
    // Refused before Redis is asked: nothing listens at this URL.
    const runtime = composeRuntime({ config: parseConfig({ OPSBOT_VAR_DIR: varDir }, varDir), redis: 'redis://127.0.0.1:9' });
    await expect(triggerRun(runtime, { job: 'daily-ops-report', date: '../../etc' })).rejects.toThrow(/refused name/);
    await expect(triggerRun(runtime, { job: '../daily-ops-report', date: '2026-11-20' })).rejects.toThrow(/unknown job/);
    expect(readdirSync(varDir)).toEqual([]);
  });

  it('evidence file names from page data (an account number, a step) stay inside the evidence folder', () => {
    const dir = '/srv/runs/x/evidence/registry.company';
    for (const hostile of ['../../../etc/passwd', '..', 'a/../../b', '..\\..\\x', 'registry-../../x']) {
      const file = path.resolve(dir, safeName(hostile));
      expect(path.dirname(file), hostile).toBe(dir);
    }
  });
});

describe('paths of a run stay in the run, after symlinks', () => {
  // A run folder holding a symlink that leads out, and a file outside it worth stealing.
  const root = mkdtempSync(path.join(os.tmpdir(), 'opsbot-contained-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const run = path.join(root, 'runs', 'r1');
  const secret = path.join(root, 'secret.txt');
  mkdirSync(path.join(run, 'evidence'), { recursive: true });
  writeFileSync(secret, 'root:$6$hash');
  writeFileSync(path.join(run, 'report.xlsx'), 'report');
  symlinkSync(secret, path.join(run, 'evidence', 'shot.png'));
  symlinkSync(root, path.join(run, 'up'));
  symlinkSync(path.join(root, 'gone'), path.join(run, 'dangling'));

  it('realPathInside refuses ../, absolute paths outside and symlinks leading out; keeps paths inside (existing or not)', async () => {
    expect(await realFileInside(run, 'report.xlsx')).toBe(path.join(run, 'report.xlsx'));
    expect(await realPathInside(run, 'sources/new.jsonl')).toBe(path.join(run, 'sources', 'new.jsonl'));
    for (const [bad, why] of [
      ['../secret.txt', /is outside/], [secret, /is outside/], ['evidence/../../secret.txt', /is outside/],
      ['evidence/shot.png', /leads outside .* \(to .*secret\.txt\)/], ['up/secret.txt', /leads outside/], ['up/new/file', /leads outside/],
      ['dangling', /cannot be resolved/],
    ] as const) {
      await expect(realPathInside(run, bad), bad).rejects.toThrow(PathOutsideError);
      await expect(realPathInside(run, bad), bad).rejects.toThrow(why);
    }
    await expect(realFileInside(run, 'evidence')).rejects.toThrow(/is not a file/);
  });

  it('--out (copyRunOutputs) refuses a manifest output outside the run or symlinked out of it, and copies nothing of it', async () => {
    const manifest = (outputs: string[]) => ({ outputs: outputs.map((file) => ({ file, sha256: 'a'.repeat(64), bytes: 1 })) }) as RunManifest;
    for (const [file, why] of [['../../secret.txt', /is outside/], ['evidence/shot.png', /leads outside/]] as const) {
      const out = path.join(root, `out-${path.basename(file)}`);
      await expect(copyRunOutputs(run, manifest([file]), out)).rejects.toThrow(why);
      const copied = existsSync(out) ? readdirSync(out, { recursive: true }).map(String) : [];
      expect(copied.filter((f) => !f.endsWith('/') && f !== 'evidence')).not.toContain(path.basename(file));
      expect(copied).not.toContain('secret.txt');
    }
  });

  it('a report linking to a symlink that leads out of the run: the link is named broken, the file never delivered', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('明细').getCell('A1').value = { text: '查看截图', hyperlink: 'evidence/shot.png' };
    await wb.xlsx.writeFile(path.join(run, 'linked.xlsx'));
    const { files, broken } = await linkedFiles(run, ['linked.xlsx']);
    expect(files).toEqual([]);
    expect(broken).toEqual([{ output: 'linked.xlsx', target: 'evidence/shot.png', reason: expect.stringMatching(/symlink leading out/) as string }]);
  });
});
