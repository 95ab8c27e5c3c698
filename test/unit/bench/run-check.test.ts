// `npm run bench -- --check` (issue 21, item 5) decides its exit code here: 1 when a fresh figure
// is more than 25 % worse in CPU per item than the committed one, 0 otherwise; the sections added
// for "how cost grows" (report-small, annual-review-1k) take part.

import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnnualReviewFigure } from '../../../scripts/bench/annual-review/bench-annual-review';
import { cpuFigures } from '../../../scripts/bench/check/cpu-figures';
import { readResultsFile, runCheck } from '../../../scripts/bench/check/run-check';
import type { ReportFigure } from '../../../scripts/bench/report/bench-report';
import type { BenchResults, Measured } from '../../../scripts/bench/results';

const measured = <T>(data: T): Measured<T> => ({ measuredAt: '2026-12-07T21:00:00.000Z', loadBefore: '1, 1, 1', loadAfter: '1, 1, 1', data });

function report(scale: string, treeCpuMs: number, counts: number[]): ReportFigure {
  return {
    scale, date: '2026-11-20', status: 'ok', wallMs: 20_000, build: { figuresMs: 1, excelMs: 1, pdfMs: 1, buildMs: 3 }, deliveryMs: 0, outputs: [],
    history: { days: [], jobs: 0, byBot: {} },
    extraction: counts.map((count, i) => ({ botId: `bot${i}`, durationMs: 1000, count, status: 'ok' })),
    peakRssMb: 1500, peakPssMb: 700, treeCpuMs, cpuByKind: {},
  };
}

function review(accounts: number, treeCpuMs: number): AnnualReviewFigure {
  return {
    accounts, date: '2025-10-31', status: 'ok', wallMs: 200_000, sources: [], stages: {}, verdicts: { pass: accounts }, inputErrors: 0, evidenceFiles: 0, rssTimeline: [],
    peakRssMb: 900, peakPssMb: 600, treeCpuMs, cpuByKind: {}, registryLimit: { rateLimitPerSecond: 20, busyRate: 0.02 },
  };
}

const silent = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { print: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
};

describe('cpuFigures of the growth sections', () => {
  it('gives report-small a CPU per record and annual-review-1k a CPU per account', () => {
    const r: BenchResults = { 'report-small': measured(report('small', 30_000, [400, 200])), 'annual-review-1k': measured(review(1000, 50_000)) };
    expect(cpuFigures(r)).toEqual([
      { section: 'report-small', name: 'daily report small, worker tree', item: 'record', cpuMsPerItem: 50 },
      { section: 'annual-review-1k', name: 'annual review 1000 accounts, worker tree', item: 'account', cpuMsPerItem: 50 },
    ]);
  });
});

describe('runCheck', () => {
  const committed: BenchResults = { 'report-small': measured(report('small', 30_000, [600])), 'annual-review-1k': measured(review(1000, 50_000)) };

  it('exits 1 and names the figure when one is more than 25 % worse in CPU per item', () => {
    const fresh: BenchResults = { 'report-small': measured(report('small', 30_000, [600])), 'annual-review-1k': measured(review(1000, 62_600)) };
    const { print, out, err } = silent();
    expect(runCheck(committed, fresh, 'docs/benchmarks.json', print)).toBe(1);
    expect(out.find((l) => l.startsWith('WORSE'))).toContain('annual review 1000 accounts, worker tree: 62.60 ms CPU / account (committed 50.00, +25.2 %)');
    expect(err.join('\n')).toContain('1 figure(s) more than 25 % worse in CPU per item: annual review 1000 accounts, worker tree');
  });

  it('exits 0 when every figure is at most 25 % worse, better, or has nothing to compare with', () => {
    const fresh: BenchResults = {
      'report-small': measured(report('small', 37_500, [600])), // exactly +25 %
      'annual-review-1k': measured(review(1000, 20_000)),
      'annual-review-10k': measured(review(10_000, 900_000)), // no committed figure
    };
    const { print, out, err } = silent();
    expect(runCheck(committed, fresh, 'docs/benchmarks.json', print)).toBe(0);
    expect(out.filter((l) => l.startsWith('ok'))).toHaveLength(2);
    expect(out.find((l) => l.includes('daily report small'))).toContain('(committed 50.00, +25 %)');
    expect(out.some((l) => l.startsWith('new   annual review 10000 accounts'))).toBe(true);
    expect(err).toEqual([]);
  });

  it('says so when nothing could be compared', () => {
    const { print, out } = silent();
    expect(runCheck({}, { 'report-small': measured(report('small', 1, [1])) }, 'x', print)).toBe(0);
    expect(out).toContain('(nothing compared: the chosen sections have no committed CPU figures)');
  });

  it('reads the figures to compare with from a file (--against)', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'run-check-')), 'benchmarks.json');
    writeFileSync(file, JSON.stringify(committed));
    const { print } = silent();
    expect(runCheck(readResultsFile(file), { 'annual-review-1k': measured(review(1000, 100_000)) }, file, print)).toBe(1);
  });
});
