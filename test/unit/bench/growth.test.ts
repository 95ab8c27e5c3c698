// docs/benchmarks.md's "How cost grows" (issue 21, item 3): a table per workload from the figures
// each section keeps, growth factors between sizes, "not measured" (never a zero) for a size
// without figures, and the table follows a section measured again without any change of its own.

import { describe, expect, it } from 'vitest';
import type { AnnualReviewFigure } from '../../../scripts/bench/annual-review/bench-annual-review';
import { keptEngineFigures, keptReportFigures } from '../../../scripts/bench/growth/kept-figures';
import { growthMarkdown } from '../../../scripts/bench/growth/render-growth';
import { renderBenchmarksDoc } from '../../../scripts/bench/render-doc';
import type { ReportFigure } from '../../../scripts/bench/report/bench-report';
import { storeMeasured, type BenchResults, type EngineFigure, type Measured } from '../../../scripts/bench/results';

const measured = <T>(data: T, measuredAt = '2026-12-07T21:00:00.000Z'): Measured<T> => ({ measuredAt, loadBefore: '3.50, 2, 1', loadAfter: '1, 1, 1', data });

function report(scale: string, records: number, wallMs: number, treeCpuMs: number, peakPssMb: number): ReportFigure {
  return {
    scale, date: '2026-11-20', status: 'ok', wallMs, build: { figuresMs: 1, excelMs: 1, pdfMs: 1, buildMs: 3 }, deliveryMs: 0, outputs: [], history: { days: [], jobs: 0, byBot: {} },
    extraction: [{ botId: 'a', durationMs: 1, count: records - 1 }, { botId: 'b', durationMs: 1, count: 1 }].map((x) => ({ ...x, status: 'ok' })),
    peakRssMb: peakPssMb * 2, peakPssMb, treeCpuMs, cpuByKind: {},
  };
}

function review(accounts: number, wallMs: number, treeCpuMs: number, peakPssMb: number): AnnualReviewFigure {
  const served = Math.round(accounts * 2.2);
  const floorMs = (served / 20) * 1000;
  return {
    accounts, date: '2025-10-31', status: 'ok', wallMs, stages: { build: 5000, evidence: 4000 }, verdicts: { pass: accounts - 10, mismatch: 10 }, inputErrors: 0, evidenceFiles: 8, rssTimeline: [],
    sources: [{ botId: 'annual-review.accounts', durationMs: 3000, count: accounts, status: 'ok' }, { botId: 'registry.company', durationMs: wallMs - 8000, count: accounts, status: 'ok' }],
    peakRssMb: peakPssMb * 2, peakPssMb, treeCpuMs, cpuByKind: {}, registryLimit: { rateLimitPerSecond: 20, busyRate: 0.02 },
    registryRequests: { arrived: served + 30, refused: 20, served, busy: 10 }, floorMs, floorRatio: wallMs / floorMs,
  };
}

const engine = (accounts: number, totalCpuMs: number, peakRssMb: number): EngineFigure => ({
  accounts, loadLookupsMs: 1, rulesMs: 1, rulesCpuMs: 1, totalMs: totalCpuMs / 2, totalCpuMs, verdicts: {}, flags: 0, heapUsedMb: 1, peakRssMb,
});

/** The doc's text of report-medium as it was kept (an excerpt of the real kept text). */
const keptMedium = {
  measuredAt: '2026-11-23T00:00:00.000Z',
  markdown: [
    '### Daily report at medium scale', '', 'Measured 2026-11-23 00:00 UTC; load average (1/5/15 min) 5.03, 7.76, 8.29 before, 5.91, 7.74, 8.27 after.', '',
    '| stage | seconds | records | status |', '|---|---|---|---|',
    '| extraction: core-banking.transactions | 8.0 | 6236 | ok |', '| extraction: core-banking.corrections | 4.6 | 45 | ok |',
    '| build: figures + kpis.json | 0.5 |  |  |', '| **trigger → delivered (wall)** | **25.7** |  | ok |', '',
    'Peak memory of the worker process tree (node + Chromium): RSS 1653 MB, PSS 784 MB; tree CPU 52.6 s. Extraction jobs run 2 at a time.', '',
  ].join('\n'),
  targets: [],
};

const keptEngine = {
  measuredAt: '2026-11-23T01:52:00.000Z',
  markdown: [
    '## 2. Cross-check engine alone', '',
    '| accounts | rules s | rules CPU s | CPU µs / account | load index s | whole pass s | whole pass CPU s | peak RSS MB | pass / mismatch / unverifiable | flags |',
    '|---|---|---|---|---|---|---|---|---|---|',
    '| 10,000 | 0.18 | 0.33 | 32.7 | 0.2 | 0.5 | 0.7 | 141 | 4405 / 5595 / 0 | 6399 |',
    '| 1,000,000 | 7.47 | 11.90 | 11.9 | 13.4 | 21.3 | 33.9 | 1289 | 442894 / 557106 / 0 | 641847 |', '',
  ].join('\n'),
  targets: [],
};

/** The markdown table right under a heading of the growth section. */
function tableAfter(doc: string, heading: string, nth = 0): string[] {
  const from = doc.indexOf(heading);
  expect(from).toBeGreaterThanOrEqual(0);
  const tables = doc.slice(from).split('\n\n').filter((b) => b.startsWith('|'));
  return tables[nth]!.split('\n');
}

describe('kept figures', () => {
  it('reads records, wall, CPU and PSS from a kept daily-report section', () => {
    expect(keptReportFigures(keptMedium.markdown)).toEqual({ records: 6281, wallMs: 25_700, treeCpuMs: 52_600, peakPssMb: 784 });
  });

  it('reads the engine table by its headers, and gives nothing for text without it', () => {
    expect(keptEngineFigures(keptEngine.markdown)).toEqual([
      { accounts: 10_000, totalMs: 500, totalCpuMs: 700, peakRssMb: 141 },
      { accounts: 1_000_000, totalMs: 21_300, totalCpuMs: 33_900, peakRssMb: 1289 },
    ]);
    expect(keptEngineFigures('## 2. Engine\n\nno table')).toEqual([]);
    expect(keptReportFigures('### Daily report\n\n| stage | seconds | records | status |\n|---|---|---|---|\n| extraction: x | 1 | — | failed |\n')).toBeUndefined();
  });
});

describe('how cost grows', () => {
  it('says "not measured" for every size without figures, and writes no zero', () => {
    const doc = growthMarkdown('10. How cost grows', {});
    for (const command of ['--only report-small`', '--only report-medium`', '--only report-large`', '--only annual-review-1k`', '--only annual-review-10k`', '--only engine`']) {
      expect(doc).toContain(command);
    }
    const rows = doc.split('\n').filter((l) => /^\| (small|medium|large|1,000|10,000|100,000|1,000,000) \|/u.test(l));
    expect(rows).toHaveLength(8);
    for (const r of rows) expect(r).toContain('| not measured |');
    expect(doc).not.toMatch(/\| 0(\.0+)? \|/u);
    expect(doc).toContain('*Daily report:* not measured at two scales yet');
  });

  it('gives time, CPU, memory per size and the growth factors between sizes', () => {
    const results: BenchResults = {
      'report-small': measured(report('small', 1_000, 20_000, 10_000, 500)),
      'report-medium': measured(report('medium', 10_000, 30_000, 40_000, 600)),
      'report-large': measured(report('large', 110_000, 130_000, 140_000, 700)),
      'annual-review-1k': measured(review(1_000, 150_000, 30_000, 800)),
      'annual-review-10k': measured(review(10_000, 1_320_000, 300_000, 1_000)),
      engine: measured([engine(10_000, 1_000, 100), engine(100_000, 5_000, 200), engine(1_000_000, 40_000, 1_100)]),
    };
    const doc = growthMarkdown('10. How cost grows', results);
    const reports = tableAfter(doc, '### Daily report');
    expect(reports[2]).toBe('| small | 1,000 | 20.0 | 10.0 | 10.0 | 500 | 2026-12-07 21:00 (load 3.50) |');
    const reportGrowth = tableAfter(doc, '### Daily report', 1);
    expect(reportGrowth[2]).toBe('| small → medium | ×10.0 | ×1.50 | ×4.00 | ×0.40 | ×1.20 |');
    expect(reportGrowth[3]).toBe('| medium → large | ×11.0 | ×4.33 | ×3.50 | ×0.32 | ×1.17 |');
    const reviews = tableAfter(doc, '### Annual review');
    expect(reviews[3]).toBe('| 10,000 | 1320.0 | 300.0 | 30.0 | 1000 | 2.20 | 1100.0 | 1.20× | 2026-12-07 21:00 (load 3.50) |');
    expect(tableAfter(doc, '### Annual review', 1)[2]).toBe('| 1,000 → 10,000 | ×10.0 | ×8.80 | ×10.0 | ×1.00 | ×1.25 | ×10.0 |');
    expect(doc).toContain('1,000 registry lookups in 142.0 s');
    expect(tableAfter(doc, '### Cross-check engine', 1)[3]).toBe('| 100,000 → 1,000,000 | ×10.0 | ×8.00 | ×8.00 | ×0.80 | ×5.50 |');
    // Sizing from the two largest report scales: 100 s CPU and 100 MB per further 100,000 records, on top of 30 s and 590 MB.
    expect(doc).toContain('each further 100,000 records cost **100.0 s of CPU, 100.0 s of wall time on this machine and 100 MB of the worker tree\'s peak PSS**');
    expect(doc).toContain('a fixed part of about 30.0 s of CPU, 20.0 s and 590 MB');
    expect(doc).toContain('a floor of 0.110 s per account');
    expect(doc).toContain('Memory: peak PSS 800 MB at 1,000, 1000 MB at 10,000 accounts (22 MB per further 1,000 accounts on a straight line');
    expect(doc).toContain('each further 100,000 accounts hold **100 MB** more');
  });

  it('calls the review\'s memory flat when its peaks are within 10 % of each other', () => {
    const doc = growthMarkdown('10', { 'annual-review-1k': measured(review(1_000, 150_000, 30_000, 799)), 'annual-review-10k': measured(review(10_000, 1_320_000, 300_000, 792)) });
    expect(doc).toContain('peak PSS 799 MB at 1,000, 792 MB at 10,000 accounts, within 10 % of each other');
    expect(doc).not.toContain('per further 1,000 accounts');
  });

  it('warns when the sizes of a workload were measured days apart, and only then', () => {
    const together = growthMarkdown('10', { 'report-small': measured(report('small', 1_000, 20_000, 10_000, 500)), 'report-medium': measured(report('medium', 10_000, 30_000, 40_000, 600)) });
    expect(together).not.toContain('apart');
    const apart = growthMarkdown('10', { 'report-small': measured(report('small', 1_000, 20_000, 10_000, 500)), kept: { 'report-medium': keptMedium } });
    expect(apart).toContain('*These sizes were measured up to 15 days apart');
  });

  it('follows a section measured again: kept text first, then the new figures, with no change of its own', () => {
    const results: BenchResults = { kept: { 'report-medium': keptMedium, engine: keptEngine } };
    const before = renderBenchmarksDoc(results);
    expect(tableAfter(before, '## 10. How cost grows')[3]).toBe('| medium | 6,281 | 25.7 | 52.6 | 8.4 | 784 | 2026-11-23 00:00 † (kept text) |');
    expect(tableAfter(before, '### Cross-check engine')[2]).toContain('| 10,000 | 0.5 | 0.7 | 70.0 | 141 | 2026-11-23 01:52 † (kept text) |');
    storeMeasured(results, 'report-medium', measured(report('medium', 14_000, 21_000, 42_000, 700), '2026-12-07T22:10:00.000Z'));
    const after = renderBenchmarksDoc(results);
    expect(tableAfter(after, '## 10. How cost grows')[3]).toBe('| medium | 14,000 | 21.0 | 42.0 | 3.0 | 700 | 2026-12-07 22:10 (load 3.50) |');
    expect(after).not.toContain('| medium | 6,281 |');
  });
});
