import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triggerRun, waitForRun } from '../../../jobs/runtime/flows';
import { transactionsOf } from '../../../fixtures/generator/transactions';
import { buildWorld } from '../../../fixtures/generator/world';
import { startFixtureWorld, type FixtureWorld } from '../../helpers/fixture-world';

// Friday 2026-11-20: its 5 business days before are 11-19, 11-18, 11-17, 11-16 and 11-13.
const DATE = '2026-11-20';
const EARLIER = ['2026-11-19', '2026-11-18', '2026-11-17', '2026-11-16', '2026-11-13'];
const SEED = 7;

let world: FixtureWorld;

const transactionsOn = (date: string): number => [...transactionsOf(buildWorld(SEED, 'small'), date)].length;

/** The overview sheet's row of 交易笔数: [value, previous business day, 5-day mean]. */
async function overviewRow(xlsx: string, label: string): Promise<unknown[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const sheet = wb.worksheets[0]!;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (String(row.getCell(1).value ?? '').startsWith(label)) return [2, 3, 4].map((c) => row.getCell(c).value);
  }
  throw new Error(`no row ${label} on sheet ${sheet.name}`);
}

beforeAll(async () => {
  world = await startFixtureWorld({ fixtures: { seed: SEED, scale: 'small' }, runtime: { computeMissingHistory: true } });
}, 120_000);

afterAll(async () => world?.stop());

describe('the daily report compares with earlier business days even on its first run', () => {
  it('extracts the 5 days before D that no run covers, computes their figures and compares with them', async () => {
    const t = await triggerRun(world.deps, { job: 'daily-ops-report', date: DATE });
    const result = await waitForRun(world.deps, t.runId, 600_000);
    expect(result.status).toBe('ok');
    const manifest = await world.deps.store.read(result.runDir);
    // The history days are the run's own business: D's 8 sources only, status ok.
    expect(manifest.sources).toHaveLength(8);
    expect(manifest.details.history).toEqual(EARLIER.map((date) => ({ date, from: 'computed' })));

    const counts = EARLIER.map(transactionsOn);
    for (const [i, day] of EARLIER.entries()) {
      const kpis = JSON.parse(readFileSync(path.join(result.runDir, 'history', day, 'kpis.json'), 'utf8'));
      expect(kpis).toMatchObject({ date: day, status: 'ok', computedBy: t.runId });
      expect(kpis.transactions.total).toBe(counts[i]);
    }
    const [value, previous, mean5] = await overviewRow(path.join(result.runDir, `daily-ops-report-${DATE}.xlsx`), '交易笔数');
    expect(value).toBe(transactionsOn(DATE));
    expect(previous).toBe(counts[0]);
    expect(mean5).toBeCloseTo(counts.reduce((a, b) => a + b, 0) / 5, 9);
  }, 600_000);

  it('the next business day takes its history from the runs before, extracting nothing twice', async () => {
    const next = '2026-11-23';
    const t = await triggerRun(world.deps, { job: 'daily-ops-report', date: next });
    const result = await waitForRun(world.deps, t.runId, 300_000);
    expect(result.status).toBe('ok');
    const manifest = await world.deps.store.read(result.runDir);
    const days = manifest.details.history as { date: string; from: string }[];
    expect(days.map((d) => [d.date, d.from])).toEqual([[DATE, 'run'], ...EARLIER.slice(0, 4).map((d) => [d, 'run'])]);
    expect(existsSync(path.join(result.runDir, 'history'))).toBe(false);
    const [, previous] = await overviewRow(path.join(result.runDir, `daily-ops-report-${next}.xlsx`), '交易笔数');
    expect(previous).toBe(transactionsOn(DATE));
  }, 300_000);
});
