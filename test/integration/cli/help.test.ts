import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../helpers/cli-process';

describe('opsbot --help', () => {
  it('lists the commands of cli.md that work, through the package bin', () => {
    const out = execFileSync(process.execPath, [path.join(REPO, 'scripts/bin/opsbot.mjs'), '--help'], { encoding: 'utf8' });
    for (const cmd of ['demo', 'run', 'fixtures', 'worker']) expect(out).toMatch(new RegExp(`^\\s+${cmd}\\b`, 'm'));
  });

  it('exits 2 naming the option for bad usage', () => {
    try {
      execFileSync(process.execPath, [path.join(REPO, 'scripts/bin/opsbot.mjs'), 'run', 'daily-ops-report', '--date', '2026-13-45'], { encoding: 'utf8', stdio: 'pipe' });
      expect.unreachable();
    } catch (err) {
      const e = err as { status: number; stderr: string };
      expect(e.status).toBe(2);
      expect(e.stderr).toMatch(/--date/);
    }
  });
});
