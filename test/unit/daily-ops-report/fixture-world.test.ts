// Cross-check with the fixture world (written independently by the fixtures' authors): the figures
// match our second implementation and the answer key's injected anomalies, for sources exported so far.
import { getWorkdaysInRange } from 'chinese-days';
import { describe, expect, it } from 'vitest';
import thresholds from '../../../jobs/daily-ops-report/thresholds.json';
import { buildWorld } from '../../../fixtures/generator/world';
import { computeDailyFigures } from '../../../jobs/daily-ops-report/compute-kpis';
import { FIGURE_KEYS, FIGURE_SOURCES, figureAt, SOURCE_IDS, type SourceId } from '../../../jobs/daily-ops-report/figures';
import { statusOf, type FigureThresholds } from '../../../jobs/daily-ops-report/status';
import type { RecordSet } from './helpers/generate-records';
import { recompute } from './helpers/recompute';
import { exportSources } from '../../../fixtures/export/export-sources';
import { stream } from './helpers/sources';
import { requiredWorldRecords, worldRecords } from './helpers/world-sources';


describe('figures on the fixture world', () => {
  for (const { seed, date } of [
    { seed: 1, date: '2025-03-03' },
    { seed: 8, date: '2024-10-08' }, // first business day after the National Day holiday
    { seed: 11, date: '2026-06-22' }, // a Monday after a holiday (端午节 2026-06-19..21)
  ]) {
    it(`match the recomputation and the answer key (seed ${seed}, ${date})`, async () => {
      const world = buildWorld(seed, 'small');
      const set = { date } as unknown as Record<string, unknown[]>;
      const sources: Record<string, unknown> = {};
      const present = new Set<SourceId>();
      for (const id of SOURCE_IDS) {
        const records = worldRecords(world, id, date);
        set[id] = records ?? [];
        sources[id] = records === undefined ? { missing: 'not exported by the fixtures yet' } : stream(records);
        if (records !== undefined) present.add(id);
      }
      // Every source is exported by the fixtures now: the checks below that depend on one all run.
      expect([...present].sort()).toEqual([...SOURCE_IDS].sort());
      const r = await computeDailyFigures({ date, sources });
      const expected = recompute(set as unknown as RecordSet, date);
      for (const key of FIGURE_KEYS) {
        if (!FIGURE_SOURCES[key].every((s) => present.has(s))) continue;
        const want = expected[key] ?? null;
        const got = figureAt(r.figures, key);
        if (want === null || Number.isInteger(want)) expect(got, key).toBe(want);
        else expect(Math.abs((got ?? NaN) - want), key).toBeLessThan(1e-9);
      }
      const keyEntries = exportSources.flatMap((s) => s.answerKey?.(world, date) ?? []);
      const count = (kind: string): number => keyEntries.filter((e) => e.kind === kind).length;
      if (present.has('amlAlerts')) expect(r.figures.aml.overdueAlerts).toBe(count('overdueAmlAlert'));
      if (present.has('complaints')) expect(r.figures.complaints.slaBreaches).toBe(count('slaBreach'));
      if (present.has('deviceInspections')) {
        expect(r.figures.devices.faulty).toBe(count('faultyDevice'));
        expect(r.figures.devices.lowConsumables).toBe(count('lowConsumables'));
      }
    });
  }
});

// Issue 15.7: on the default world the report's alerts mean something: a status is 正常 on most
// business days (差错率 was red every day), and goes red only on the days the world has a reason.
describe('statuses on the fixture world', () => {
  const days = (getWorkdaysInRange('2026-10-09', '2026-12-31') as string[]).slice(0, 10);
  const keys = ['errors.rate', 'aml.alertsHandledShare', 'complaints.slaBreaches', 'queue.avgWaitSeconds'] as const;

  it.each([[42, 'small'], [42, 'medium']] as const)('seed %i, %s: 正常 on most of 10 business days', async (seed, scale) => {
    const world = buildWorld(seed, scale);
    const normal = new Map<string, number>(keys.map((k) => [k, 0]));
    for (const date of days) {
      const sources: Record<string, unknown> = {};
      for (const id of SOURCE_IDS) sources[id] = stream(requiredWorldRecords(world, id, date));
      const { figures } = await computeDailyFigures({ date, sources });
      for (const key of keys) {
        const status = statusOf(figureAt(figures, key), (thresholds as Record<string, FigureThresholds>)[key], key);
        if (status === 'normal') normal.set(key, normal.get(key)! + 1);
      }
    }
    for (const key of keys) expect(normal.get(key), key).toBeGreaterThan(days.length / 2);
  });
});
