// `npm run bench -- --check` (issue 21, item 5): a figure fails when its CPU per item is more than
// 25 % above the committed one, and every such figure is named.

import { describe, expect, it } from 'vitest';
import { checkReport, compareCpu } from '../../../scripts/bench/check/compare-cpu';
import { cpuFigures, type CpuFigure } from '../../../scripts/bench/check/cpu-figures';
import type { BenchResults, Measured } from '../../../scripts/bench/results';

const fig = (name: string, cpuMsPerItem: number, item = 'row'): CpuFigure => ({ section: 'excel', name, item, cpuMsPerItem });

describe('compareCpu', () => {
  it('fails a figure more than 25 % worse and passes one exactly 25 % worse or better', () => {
    const committed = [fig('excel opsbot', 0.04), fig('excel exceljs', 0.1), fig('registry opsbot', 5, 'lookup')];
    const fresh = [fig('excel opsbot', 0.0501), fig('excel exceljs', 0.125), fig('registry opsbot', 2, 'lookup')];
    const o = compareCpu(committed, fresh);
    expect(o.compared.map((c) => [c.name, c.worse])).toEqual([['excel opsbot', true], ['excel exceljs', false], ['registry opsbot', false]]);
    expect(o.regressions.map((r) => r.name)).toEqual(['excel opsbot']);
    expect(o.regressions[0]!.ratio).toBeCloseTo(1.2525, 4);
  });

  it('names every regression, not only the first', () => {
    const o = compareCpu([fig('a', 1), fig('b', 1), fig('c', 1)], [fig('a', 2), fig('b', 1.1), fig('c', 1.3)]);
    expect(o.regressions.map((r) => r.name)).toEqual(['a', 'c']);
    const report = checkReport(o);
    expect(report.filter((l) => l.startsWith('WORSE'))).toHaveLength(2);
    expect(report.find((l) => l.includes(' c:'))).toContain('+30 %');
  });

  it('does not compare a figure without a committed counterpart, or with another kind of item', () => {
    const o = compareCpu([fig('a', 1, 'row'), fig('z', 0)], [fig('a', 5, 'lookup'), fig('new', 9), fig('z', 4)]);
    expect(o.compared).toEqual([]);
    expect(o.regressions).toEqual([]);
    expect(o.uncompared.map((f) => f.name)).toEqual(['a', 'new', 'z']);
    expect(checkReport(o).every((l) => l.startsWith('new'))).toBe(true);
  });

  it('takes a looser or stricter tolerance when given', () => {
    expect(compareCpu([fig('a', 1)], [fig('a', 1.2)], 0.1).regressions).toHaveLength(1);
    expect(compareCpu([fig('a', 1)], [fig('a', 1.2)], 0.5).regressions).toHaveLength(0);
  });
});

const measured = <T>(data: T): Measured<T> => ({ measuredAt: '2026-12-07T19:00:00.000Z', loadBefore: '1, 1, 1', loadAfter: '1, 1, 1', data });

describe('cpuFigures', () => {
  it('divides CPU by the items of each figure and skips sections without CPU', () => {
    const results = {
      excel: measured([{ writer: 'opsbot', rows: 100_000, writeMs: 5000, cpuMs: 5700, bytes: 1, rssBeforeWriteMb: 1, peakRssMb: 400 }]),
      workers: measured({ measuredAt: 'x', cores: 2, failovers: [], figures: [{ workers: 2, concurrency: 2, flows: 6, wallS: 210, flowsPerHour: 103, medianFlowS: 170, peakRssMbPerWorker: 1, peakPssMbPerWorker: 1, cpuS: 285, loadBefore: '', loadAfter: '' }] }),
      kept: { registry: { measuredAt: 'x', markdown: '## 1. Registry', targets: [] } },
    } as BenchResults;
    expect(cpuFigures(results)).toEqual([
      { section: 'excel', name: 'excel opsbot', item: 'row', cpuMsPerItem: 0.057 },
      { section: 'workers', name: '2 worker process(es), concurrency 2', item: 'flow', cpuMsPerItem: 47_500 },
    ]);
  });
});
