import { describe, expect, it } from 'vitest';
import { flagDetails, overdueWorkingDays, parseQueueFilters } from '../../../jobs/review/queue';
import { markDifferences, pageHref } from '../../../jobs/review/web';
import { diffHtml } from '../../../templates/web/review';

describe('markDifferences', () => {
  it('marks only what differs, on each side', () => {
    const d = markDifferences('甲有限公司', '甲有限责任公司');
    expect(d.bank).toEqual([{ text: '甲有限公司', changed: false }]);
    expect(d.registry).toEqual([
      { text: '甲有限', changed: false },
      { text: '责任', changed: true },
      { text: '公司', changed: false },
    ]);
  });
  it('an empty side is all marked on the other', () => {
    expect(markDifferences('', '严重违法').registry).toEqual([{ text: '严重违法', changed: true }]);
    expect(markDifferences('', '严重违法').bank).toEqual([]);
  });
  it('long values keep the common start and end', () => {
    const d = markDifferences(`${'甲'.repeat(700)}A${'乙'.repeat(10)}`, `${'甲'.repeat(700)}B${'乙'.repeat(10)}`);
    expect(d.bank.map((s) => s.changed)).toEqual([false, true, false]);
    expect(d.registry[1]).toEqual({ text: 'B', changed: true });
  });
  it('the marked text is escaped', () => {
    expect(diffHtml(markDifferences('a', '<b>').registry).toString()).toBe('<mark class="diff">&lt;b&gt;</mark>');
  });
});

describe('parseQueueFilters', () => {
  it('keeps known values and drops the rest', () => {
    expect(parseQueueFilters({ severity: 'high', state: 'proposed', due: 'overdue', field: 'address', branch: '001', page: '3' })).toEqual({
      severity: 'high', state: 'proposed', due: 'overdue', field: 'address', branch: '001', page: 3,
    });
    expect(parseQueueFilters({ severity: 'urgent', state: 'x', due: 'soon', field: "name' OR 1=1", page: '-2' })).toEqual({ page: 1 });
    expect(parseQueueFilters({ page: '999999' }).page).toBe(2_000);
  });
  it('page links keep the filters', () => {
    expect(pageHref('/', { severity: 'high', branch: undefined, page: 1 }, 2)).toBe('/?severity=high&page=2');
    expect(pageHref('/', {}, 1)).toBe('/');
  });
});

describe('overdueWorkingDays', () => {
  it('counts working days past the due date for waiting cases only', () => {
    expect(overdueWorkingDays('2026-12-04', 'open', '2026-12-07')).toBe(1);
    expect(overdueWorkingDays('2026-12-07', 'open', '2026-12-07')).toBe(0);
    expect(overdueWorkingDays('2026-12-01', 'confirmed', '2026-12-07')).toBe(0);
  });
});

describe('flagDetails', () => {
  it('reads the evidence and drops broken page entries', () => {
    const sha = 'b'.repeat(64);
    const d = flagDetails({ message: 'm', evidence: { pages: [{ url: 'u', file: 'f', sha256: sha, fetchedAt: 't' }, { file: 'g', sha256: 'short' }, 'junk'], screenshot: 's.png' }, overdueWorkingDays: 4 });
    expect(d.pages).toEqual([{ url: 'u', file: 'f', sha256: sha, fetchedAt: 't' }]);
    expect(d).toMatchObject({ screenshot: 's.png', overdueWorkingDays: 4, message: 'm' });
    expect(flagDetails(null).pages).toEqual([]);
  });
});
