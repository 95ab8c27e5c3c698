import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triggerRun, waitForRun } from '../../jobs/runtime/flows';
import { transactionsOf } from '../../fixtures/generator/transactions';
import { buildWorld } from '../../fixtures/generator/world';
import { startFixtureWorld, type FixtureWorld } from '../helpers/fixture-world';

const DATE = '2026-11-20';
let world: FixtureWorld;

beforeAll(async () => {
  world = await startFixtureWorld({ fixtures: { seed: 7, scale: 'small' } });
}, 120_000);

afterAll(async () => world?.stop());

describe('the daily report through the real parts (Redis, BullMQ, Chromium, fixture portal)', () => {
  it('runs the flow once per (job, date) and writes Excel, PDF and kpis.json', async () => {
    const t = await triggerRun(world.deps, { job: 'daily-ops-report', date: DATE });
    expect(t).toMatchObject({ runId: `daily-ops-report/${DATE}/r1`, reused: false });
    const result = await waitForRun(world.deps, t.runId, 180_000);
    expect(result.status).toBe('ok');
    const dir = result.runDir;
    expect(dir).toBe(path.join(world.rt.varDir, 'runs', 'daily-ops-report', DATE, 'r1'));
    expect(existsSync(`${dir}.staging`)).toBe(false);

    const expectedTotal = [...transactionsOf(buildWorld(7, 'small'), DATE)].length;
    const kpis = JSON.parse(readFileSync(path.join(dir, 'kpis.json'), 'utf8'));
    expect(kpis.transactions.total).toBe(expectedTotal);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, `daily-ops-report-${DATE}.xlsx`));
    expect(wb.worksheets.length).toBeGreaterThan(0);

    const text = execFileSync('pdftotext', [path.join(dir, `daily-ops-report-${DATE}.pdf`), '-'], { encoding: 'utf8' });
    expect(text).toContain('运营日报');
    expect(text).toContain(DATE);

    const manifest = await world.deps.store.read(dir);
    expect(manifest.status).toBe('ok');
    expect(manifest.sources.find((s) => s.botId === 'core-banking.transactions')).toMatchObject({ status: 'ok', count: expectedTotal, expected: expectedTotal });
    for (const o of manifest.outputs) expect(o.sha256).toMatch(/^[0-9a-f]{64}$/);
  }, 240_000);

  it('returns the first run for a second trigger, and makes revision 2 with force', async () => {
    const again = await triggerRun(world.deps, { job: 'daily-ops-report', date: DATE });
    expect(again).toMatchObject({ runId: `daily-ops-report/${DATE}/r1`, reused: true });
    const forced = await triggerRun(world.deps, { job: 'daily-ops-report', date: DATE, force: true });
    expect(forced).toMatchObject({ runId: `daily-ops-report/${DATE}/r2`, reused: false });
    expect((await waitForRun(world.deps, forced.runId, 180_000)).status).toBe('ok');
  }, 240_000);

  it('builds a partial report that names a source whose portal is down, never a silent zero', async () => {
    // One attempt per extraction (the config's extractAttempts), so the portal that is down fails at once.
    const oneAttempt = { ...world.deps, config: { ...world.deps.config, extractAttempts: 1 } };
    world.fixtures.portal('devices').app.faults.set({ down: true });
    try {
      const t = await triggerRun(oneAttempt, { job: 'daily-ops-report', date: '2026-11-19' });
      const result = await waitForRun(world.deps, t.runId, 180_000);
      expect(result.status).toBe('partial');
      const manifest = await world.deps.store.read(result.runDir);
      expect(manifest.status).toBe('partial');
      expect(manifest.sources.find((s) => s.botId === 'devices.inspections')).toMatchObject({ status: 'failed' });
      expect(manifest.errors.some((e) => e.source === 'devices.inspections')).toBe(true);
      const kpis = JSON.parse(readFileSync(path.join(result.runDir, 'kpis.json'), 'utf8'));
      expect(kpis.status).toBe('partial');
      expect(kpis.devices.total).toBeNull();
      expect(kpis.devices.availability).toBeNull();
      expect(kpis.transactions.total).toBeGreaterThan(0);
      const text = execFileSync('pdftotext', [path.join(result.runDir, 'daily-ops-report-2026-11-19.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('数据缺失');
    } finally {
      world.fixtures.portal('devices').app.faults.reset();
    }
  }, 240_000);
});
