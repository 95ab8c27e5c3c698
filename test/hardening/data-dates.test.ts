import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, calendarYears, CalendarDataMissingError, isBusinessDay, todayInShanghai } from '../../jobs/runtime/calendar';
import { triggerRun } from '../../jobs/runtime/flows';
import { REPO } from '../helpers/cli-process';
import { startTestRuntime } from '../helpers/test-runtime';

// Each CLI gets an empty var folder of its own: whatever it started or wrote would show there.
const roots: string[] = [];
afterAll(() => roots.forEach((d) => rmSync(d, { recursive: true, force: true })));

function cli(args: string[]): Promise<{ code: number | null; stderr: string; varDir: string }> {
  const varDir = mkdtempSync(path.join(os.tmpdir(), 'opsbot-dates-'));
  roots.push(varDir);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts/cli/main.ts'), ...args], {
      cwd: REPO, env: { ...process.env, OPSBOT_VAR_DIR: varDir, REDIS_URL: '' }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stderr, varDir }));
  });
}

/** The next business day after today that the calendar knows: a future date that is otherwise ordinary. */
function nextKnownBusinessDay(): string {
  const last = `${Math.max(...calendarYears())}-12-31`;
  for (let d = addDays(todayInShanghai(), 1); d <= last; d = addDays(d, 1)) if (isBusinessDay(d)) return d;
  throw new Error(`the calendar (chinese-days) has no business day after today: update the package, or no run can be scheduled either`);
}

describe('data dates given to the CLI', () => {
  // Each CLI start costs seconds of tsx on a busy machine: all of them at once.
  it('refuses an impossible, a closed, a future and an unknown-year date with exit 2, saying why, and starts nothing', async () => {
    const future = nextKnownBusinessDay();
    const [feb30, saturday, holiday, ahead, unknownYear, demoSunday, exportFeb29, fromUnknown] = await Promise.all([
      cli(['run', 'daily-ops-report', '--date', '2026-02-30']),
      cli(['run', 'daily-ops-report', '--date', '2026-11-21']),
      cli(['run', 'daily-ops-report', '--date', '2026-10-01']),
      cli(['run', 'daily-ops-report', '--date', future]),
      cli(['run', 'daily-ops-report', '--date', '2099-03-02', '--force']),
      cli(['demo', '--date', '2026-11-22']),
      cli(['fixtures', 'export', '--date', '2026-02-29', '--out', path.join(os.tmpdir(), 'opsbot-dates-never')]),
      cli(['schedule', 'next', 'daily-ops-report', '--from', '2099-01-05']),
    ]);
    const all = { feb30, saturday, holiday, ahead, unknownYear, demoSunday, exportFeb29, fromUnknown };
    for (const [name, r] of Object.entries(all)) {
      expect(r.code, `${name}: ${r.stderr}`).toBe(2);
      // Nothing started: no Redis data, no run folder, no staging, not even an empty date folder
      // (`logs/` is the command's own log, see scripts/cli/command-log.ts).
      expect(readdirSync(r.varDir).filter((f) => f !== 'logs'), name).toEqual([]);
    }
    expect(feb30.stderr).toContain(`option '--date <D>' argument '2026-02-30' is invalid. "2026-02-30" is not a calendar date (expected YYYY-MM-DD)`);
    expect(saturday.stderr).toContain('--date 2026-11-21 is a Saturday (not a business day): add --force to run it anyway');
    expect(holiday.stderr).toContain('--date 2026-10-01 is a public holiday, National Day 国庆节 (not a business day): add --force');
    expect(ahead.stderr).toContain(`--date ${future} is in the future (today is ${todayInShanghai()} in Asia/Shanghai): add --force`);
    // --force does not help where the calendar cannot say whether the day is open.
    expect(unknownYear.stderr).toContain('--date 2099-03-02: no holiday data for 2099');
    expect(demoSunday.stderr).toContain('--date 2026-11-22 is a Sunday (not a business day): the demo runs a past business day');
    expect(exportFeb29.stderr).toContain(`option '--date <D>' argument '2026-02-29' is invalid`);
    expect(existsSync(path.join(os.tmpdir(), 'opsbot-dates-never'))).toBe(false);
    expect(fromUnknown.stderr).toContain('--from 2099-01-05: no holiday data for 2099');
  }, 240_000);
});

describe('a trigger whose job cannot prepare the date', () => {
  it('leaves no staging folder and no empty date folder behind (a scheduler or API caller, not the CLI)', async () => {
    const rt = await startTestRuntime({ computeMissingHistory: true });
    try {
      // The daily report's prepare asks the calendar for the business days before D: none for 2099.
      await expect(triggerRun(rt.deps, { job: 'daily-ops-report', date: '2099-03-02' })).rejects.toThrow(CalendarDataMissingError);
      expect(existsSync(path.join(rt.config.varDir, 'runs', 'daily-ops-report', '2099-03-02'))).toBe(false);
    } finally {
      await rt.stop();
    }
  });
});
