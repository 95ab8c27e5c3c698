// docs/benchmarks.md from docs/benchmarks.json: a section whose figures were lost is shown from its
// kept text (and its target rows) until it is measured again; measuring drops the kept text.

import { describe, expect, it } from 'vitest';
import { renderBenchmarksDoc } from '../../../scripts/bench/render-doc';
import { storeMeasured, type BenchResults } from '../../../scripts/bench/results';

const keptExcel = {
  measuredAt: '2026-11-23T00:00:00.000Z',
  markdown: '## 4. Excel writing\n\nMeasured long ago.\n\n| writer | rows |\n|---|---|\n| opsbot | 100,000 |\n',
  targets: [{ what: 'Excel 100,000 rows vs plain exceljs', target: 'within 10 %', measured: 'CPU 58 % of plain', ok: true }],
};

describe('kept sections', () => {
  it('renders a kept section verbatim, says it is kept, and keeps its target rows', () => {
    const doc = renderBenchmarksDoc({ kept: { excel: keptExcel } });
    expect(doc).toContain('| opsbot | 100,000 |\n');
    expect(doc).toContain('*Kept as text: measured 2026-11-23 00:00 UTC');
    expect(doc).toContain('`npm run bench -- --only excel` measures this section again');
    expect(doc).toContain('| Excel 100,000 rows vs plain exceljs | within 10 % | CPU 58 % of plain | met |');
    expect(doc).toContain('## 1. Registry lookups\n\nNot measured yet');
  });

  it('drops the kept text of a section once it is measured', () => {
    const results: BenchResults = { kept: { excel: keptExcel } };
    storeMeasured(results, 'excel', { measuredAt: '2026-12-07T19:00:00.000Z', loadBefore: '1', loadAfter: '1', data: [{ writer: 'opsbot', rows: 10, writeMs: 1000, cpuMs: 900, bytes: 1_000_000, rssBeforeWriteMb: 100, peakRssMb: 200 }] });
    expect(results.kept).toBeUndefined();
    const doc = renderBenchmarksDoc(results);
    expect(doc).not.toContain('Kept as text');
    expect(doc).not.toContain('Measured long ago.');
  });
});
