// The cheap record checks must never accept what zod rejects, and what they accept must be what
// zod's parse returns (same fields, same key order).
import { describe, expect, it } from 'vitest';
import { RegistryLookupResult, ReviewAccountRecord } from '../../../../bots/records';
import { isLookupResultShape, quickReviewAccount } from '../../../../jobs/annual-review-check/build/record-shapes';
import { registryCompany, reviewAccount } from '../support/records';

/** The record and variants of it with each field removed, nulled, mistyped or emptied, plus an extra key. */
function variants(record: Record<string, unknown>): unknown[] {
  const out: unknown[] = [record, { ...record, extra: 1 }, null, [], 'text', 42, [record]];
  for (const key of Object.keys(record)) {
    const { [key]: _dropped, ...without } = record;
    out.push(without, { ...record, [key]: null }, { ...record, [key]: 7 }, { ...record, [key]: '' }, { ...record, [key]: [] }, { ...record, [key]: {} });
  }
  return out;
}

describe('quickReviewAccount', () => {
  it('accepts exactly what zod accepts among damaged records, returning zod’s output', () => {
    let accepted = 0;
    for (const value of variants({ ...reviewAccount(), branch: null })) {
      const zod = ReviewAccountRecord.safeParse(value);
      const quick = quickReviewAccount(value);
      if (quick) {
        accepted++;
        expect(zod.success).toBe(true);
        expect(JSON.stringify(quick)).toBe(JSON.stringify(zod.data));
      }
      // Whatever zod accepts from the bot's plain records, the quick check accepts too (no zod detour).
      if (zod.success && value !== null && typeof value === 'object' && !Array.isArray(value)) expect(quick).not.toBeNull();
    }
    expect(accepted).toBeGreaterThan(10);
  });
});

describe('isLookupResultShape', () => {
  const listing = { listedOn: '2025-07-10', reason: '未按期公示年度报告', authority: '兰州市市场监督管理局', removedOn: '2025-09-01', removalReason: '补报后移出' };
  const company = registryCompany({
    changes: [{ date: '2020-01-01', item: '名称变更', before: '甲', after: '乙' }],
    abnormalOperations: [listing],
    seriousViolations: [],
    evidence: 'evidence/a.png',
  });
  const results: Record<string, unknown>[] = [
    { uscc: company.uscc, outcome: 'found', company },
    { uscc: company.uscc, outcome: 'notFound' },
    { uscc: company.uscc, outcome: 'failed', error: 'PortalError: 503' },
  ];
  it('never accepts what zod rejects, and accepts the bot’s own lines', () => {
    let accepted = 0;
    const values = [
      ...results.flatMap(variants),
      ...variants(company as unknown as Record<string, unknown>).map((c) => ({ uscc: company.uscc, outcome: 'found', company: c })),
      { uscc: company.uscc, outcome: 'found', company: { ...company, changes: [{ date: '2020-01-01', item: 1, before: '', after: '' }] } },
      { uscc: company.uscc, outcome: 'found', company: { ...company, changes: [null] } },
      // Issue #17's lists: each entry damaged one key at a time, and the lists absent (records before #17).
      ...variants(listing).map((entry) => ({ uscc: company.uscc, outcome: 'found', company: { ...company, abnormalOperations: [entry] } })),
      ...variants(listing).map((entry) => ({ uscc: company.uscc, outcome: 'found', company: { ...company, seriousViolations: [listing, entry] } })),
      { uscc: company.uscc, outcome: 'found', company: registryCompany() },
      { uscc: company.uscc, outcome: 'maybe' },
    ];
    for (const value of values) {
      const zod = RegistryLookupResult.safeParse(value);
      if (isLookupResultShape(value)) {
        accepted++;
        expect(zod.success).toBe(true);
      }
    }
    expect(accepted).toBeGreaterThan(20);
    for (const result of results) expect(isLookupResultShape(JSON.parse(JSON.stringify(result)))).toBe(true);
    expect(isLookupResultShape({ uscc: company.uscc, outcome: 'found', company: registryCompany() })).toBe(true);
    expect(isLookupResultShape({ uscc: company.uscc, outcome: 'found', company: { ...company, abnormalOperations: [{ ...listing, removedOn: null }] } })).toBe(false);
  });
});
