import { describe, expect, it } from 'vitest';
import { computeDailyFigures } from '../../../jobs/daily-ops-report/compute-kpis';
import { FIGURE_KEYS, figureAt } from '../../../jobs/daily-ops-report/figures';
import { generateRecords } from './helpers/generate-records';
import { recompute } from './helpers/recompute';
import { sourcesOf } from './helpers/sources';

function expectSame(actual: number | null, expected: number | null, key: string): void {
  if (expected === null || actual === null) {
    expect(actual, key).toBe(expected);
    return;
  }
  if (Number.isInteger(expected)) expect(actual, key).toBe(expected);
  else expect(Math.abs(actual - expected), key).toBeLessThan(1e-9);
}

const CASES = [
  { seed: 1, date: '2025-03-03' }, // a Monday
  { seed: 7, date: '2024-10-08' }, // the Tuesday after the National Day holiday
  { seed: 11, date: '2026-06-22' }, // a Monday after a holiday (端午节 2026-06-19..21)
  { seed: 42, date: '2025-02-05' },
  { seed: 2024, date: '2024-12-31' }, // end of year: D's end is in the next year
];

describe('computeDailyFigures matches an independent recomputation', () => {
  for (const { seed, date } of CASES) {
    it(`every figure, network-wide and per branch (seed ${seed}, ${date})`, async () => {
      const set = generateRecords({ seed, date });
      const result = await computeDailyFigures({ date, sources: sourcesOf(set) });
      expect(result.missingSources).toEqual([]);
      const expected = recompute(set, date);
      for (const key of FIGURE_KEYS) expectSame(figureAt(result.figures, key), expected[key] ?? null, key);
      expect(Object.keys(result.byBranch).length).toBeGreaterThan(1);
      for (const [branch, figures] of Object.entries(result.byBranch)) {
        const perBranch = recompute(set, date, branch);
        for (const key of FIGURE_KEYS) expectSame(figureAt(figures, key), perBranch[key] ?? null, `${branch} ${key}`);
      }
    });
  }

  it('exception lists hold exactly the rows the figures count', async () => {
    const set = generateRecords({ seed: 3, date: '2025-03-03' });
    const r = await computeDailyFigures({ date: set.date, sources: sourcesOf(set) });
    expect(r.exceptions.slaComplaints).toHaveLength(r.figures.complaints.slaBreaches ?? -1);
    expect(r.exceptions.largeValueTransactions).toHaveLength(r.figures.aml.largeValueReports ?? -1);
    expect(r.exceptions.overdueAmlAlerts).toHaveLength(r.figures.aml.overdueAlerts ?? -1);
    expect(r.exceptions.missingVouchers).toHaveLength(r.figures.dayEndChecks.missingVouchers ?? -1);
    expect(r.exceptions.complianceExceptions).toHaveLength(r.figures.dayEndChecks.complianceExceptions ?? -1);
    expect(r.exceptions.customerInfoIssues).toHaveLength(r.figures.dayEndChecks.customerInfoIssues ?? -1);
    expect(r.exceptions.faultyDevices).toHaveLength(r.figures.devices.faulty ?? -1);
    expect(r.exceptions.flaggedTellers).toHaveLength(r.figures.risk.flaggedTellers ?? -1);
    expect(r.exceptions.anomalyAccounts).toHaveLength(r.figures.reconciliation.anomalyAccounts ?? -1);
    // Personal data is masked: first 6 and last 4 of an id, first 3 and last 4 of a phone.
    const ids = r.exceptions.customerInfoIssues.map((row) => row.idNumberMasked).filter((id) => id.length === 18);
    const phones = r.exceptions.customerInfoIssues.map((row) => row.phoneMasked?.trim() ?? '').filter((phone) => phone.length === 11);
    // Both kinds occur in the set, so the masks below are checked, not skipped.
    expect(ids.length).toBeGreaterThan(0);
    expect(phones.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^\d{6}\*{8}[\dXx]{4}$/);
    for (const phone of phones) expect(phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    for (const row of r.exceptions.slaComplaints) expect(row.customerPhone ?? '').not.toMatch(/\d{11}/);
    // The currency without a rate is reported, not silently judged.
    expect(r.dataIssues.unratedTransactions.map((u) => u.currency)).toContain('XAU');
    expect(r.dataIssues.outsideDate.transactions).toBe(1);
  });
});
