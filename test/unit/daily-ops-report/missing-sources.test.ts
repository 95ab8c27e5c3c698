import { describe, expect, it } from 'vitest';
import { computeDailyFigures } from '../../../jobs/daily-ops-report/compute-kpis';
import { FIGURE_SOURCES, figureAt, type FigureKey } from '../../../jobs/daily-ops-report/figures';
import { generateRecords } from './helpers/generate-records';
import { sourcesOf, stream } from './helpers/sources';

const DATE = '2025-03-03';

describe('a missing or broken source yields missing figures, never zeros', () => {
  it('nulls exactly the figures of a source the flow says is missing, and their exception lists', async () => {
    const set = generateRecords({ seed: 9, date: DATE });
    const sources = sourcesOf(set);
    sources.transactions = { missing: '核心业务系统超时' };
    const r = await computeDailyFigures({ date: DATE, sources });
    expect(r.missingSources).toEqual([{ source: 'transactions', reason: '核心业务系统超时' }]);
    for (const [key, deps] of Object.entries(FIGURE_SOURCES)) {
      const value = figureAt(r.figures, key);
      if ((deps as readonly string[]).includes('transactions')) {
        expect(value, key).toBeNull();
        expect(r.missingFigures).toContain(key as FigureKey);
      } else {
        expect(r.missingFigures).not.toContain(key as FigureKey);
      }
    }
    expect(r.figures.errors.corrections).toBe(set.corrections.length);
    expect(r.figures.errors.rate).toBeNull(); // needs transactions too
    for (const branch of Object.values(r.byBranch)) expect(branch.transactions.total).toBeNull();
    expect(r.exceptions.largeValueTransactions).toEqual([]);
    expect(r.charts.transactionsByHour).toBeNull();
  });

  it('treats a source the flow did not hand over as missing', async () => {
    const r = await computeDailyFigures({ date: DATE, sources: {} });
    expect(r.missingSources).toHaveLength(8);
    expect(r.figures.devices.total).toBeNull();
  });

  it('rejects a source with a bad row, naming row and field, but reads every row', async () => {
    const set = generateRecords({ seed: 9, date: DATE });
    const sources = sourcesOf(set);
    const bad = set.complaints.map((c, i) => (i === 2 || i === 5 ? { ...c, level: 7 } : c));
    sources.complaints = stream(bad);
    const r = await computeDailyFigures({ date: DATE, sources });
    expect(r.missingSources[0]?.source).toBe('complaints');
    expect(r.missingSources[0]?.reason).toMatch(/^2 行.*第 3 行 level/);
    expect(r.dataIssues.rejectedRows.map((x) => x.row)).toEqual([3, 6]);
    expect(r.figures.complaints.total).toBeNull();
    expect(r.figures.queue.tickets).toBe(set.queueTickets.length); // others unaffected
  });

  it('rejects duplicate ids, a short extraction and a stream that fails midway', async () => {
    const set = generateRecords({ seed: 9, date: DATE });
    const sources = sourcesOf(set);
    sources.amlAlerts = stream([...set.amlAlerts, set.amlAlerts[0]]);
    sources.deviceInspections = { records: stream(set.deviceInspections), expectedCount: set.deviceInspections.length + 1 };
    sources.queueTickets = (async function* () {
      yield set.queueTickets[0];
      throw new Error('socket hang up');
    })();
    const r = await computeDailyFigures({ date: DATE, sources });
    const reasons = Object.fromEntries(r.missingSources.map((m) => [m.source, m.reason]));
    expect(reasons.amlAlerts).toContain('AML0000');
    expect(reasons.deviceInspections).toContain(`系统显示 ${set.deviceInspections.length + 1} 行`);
    expect(reasons.queueTickets).toMatch(/第 2 行.*socket hang up/);
    expect(r.figures.queue.tickets).toBeNull();
  });
});
