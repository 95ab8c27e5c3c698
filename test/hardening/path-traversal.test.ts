import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { safeName } from '../../bots/sdk/evidence';
import { triggerRun } from '../../jobs/runtime/flows';
import { parseRunId, RunStore, safeSegment } from '../../jobs/runtime/run-store';
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
    await expect(triggerRun({ job: 'daily-ops-report', date: '../../etc' })).rejects.toThrow(/refused name/);
    await expect(triggerRun({ job: '../daily-ops-report', date: '2026-11-20' })).rejects.toThrow(/unknown job/);
  });

  it('evidence file names from page data (an account number, a step) stay inside the evidence folder', () => {
    const dir = '/srv/runs/x/evidence/registry.company';
    for (const hostile of ['../../../etc/passwd', '..', 'a/../../b', '..\\..\\x', 'registry-../../x']) {
      const file = path.resolve(dir, safeName(hostile));
      expect(path.dirname(file), hostile).toBe(dir);
    }
  });
});
