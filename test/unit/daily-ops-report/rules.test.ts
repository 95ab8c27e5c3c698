import { describe, expect, it } from 'vitest';
import { isValidResidentId } from '../../../jobs/daily-ops-report/id-number';
import { maskIdNumber, maskPhone } from '../../../jobs/daily-ops-report/masking';
import { nearestRank } from '../../../jobs/daily-ops-report/nearest-rank';
import { atOrOver, toCny } from '../../../jobs/daily-ops-report/money';
import { compare, previousRuns } from '../../../jobs/daily-ops-report/comparison';
import { statusOf } from '../../../jobs/daily-ops-report/status';
import { overdueAtEndOfD } from '../../../jobs/daily-ops-report/folds/aml-alerts.fold';

describe('GB 11643 id check digit', () => {
  it('accepts the standard example and rejects a changed check digit, length or character', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('11010519491231002x')).toBe(true);
    expect(isValidResidentId('110105194912310021')).toBe(false);
    expect(isValidResidentId('11010519491231002')).toBe(false);
    expect(isValidResidentId('1101051949123100A2')).toBe(false);
    expect(isValidResidentId('')).toBe(false);
  });
});

describe('masking', () => {
  it('keeps the first 6 and last 4 of an id and the first 3 and last 4 of a phone', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('12345')).toBe('*****');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone(null)).toBeNull();
  });
});

describe('nearest-rank percentile', () => {
  it('takes the ⌈0.9·n⌉-th smallest, exactly even where 0.9·n is not exact in floating point', () => {
    const thirty = Array.from({ length: 30 }, (_, i) => 30 - i); // 1..30 reversed
    expect(nearestRank(thirty, 90)).toBe(27);
    expect(nearestRank([5, 1, 3], 90)).toBe(5);
    expect(nearestRank(Array.from({ length: 10 }, (_, i) => i + 1), 90)).toBe(9);
    expect(nearestRank([], 90)).toBeNull();
  });
});

describe('PBOC thresholds in CNY', () => {
  it('compares converted amounts exactly at the threshold', () => {
    const rates = { USD: 7.1 };
    expect(atOrOver(toCny(50_000, 'CNY', rates)!, 50_000)).toBe(true);
    expect(atOrOver(toCny(49_999.99, 'CNY', rates)!, 50_000)).toBe(false);
    expect(atOrOver(toCny(7042.26, 'USD', rates)!, 50_000)).toBe(true);
    expect(atOrOver(toCny(7042.25, 'USD', rates)!, 50_000)).toBe(false);
    expect(toCny(1, 'XAU', rates)).toBeNull();
  });
});

describe('overdue AML alerts at the end of D', () => {
  const alert = (createdAt: string, state: '待处理' | '已处理', handledAt: string | null = null) => ({
    id: 'A', createdAt, rule: 'r', accountNo: '1', branchId: 'B', state, handledAt,
  });
  it('counts alerts open more than 24 h when D ended, including ones handled the next morning', () => {
    expect(overdueAtEndOfD(alert('2025-03-02 23:59:59', '待处理'), '2025-03-03')).toBe(true);
    expect(overdueAtEndOfD(alert('2025-03-03 00:00:00', '待处理'), '2025-03-03')).toBe(false); // exactly 24 h
    expect(overdueAtEndOfD(alert('2025-03-01 09:00:00', '已处理', '2025-03-04 08:00:00'), '2025-03-03')).toBe(true);
    expect(overdueAtEndOfD(alert('2025-03-01 09:00:00', '已处理', '2025-03-03 23:59:59'), '2025-03-03')).toBe(false);
  });
});

describe('comparison and status', () => {
  const history = [
    { date: '2025-02-24', errors: { rate: 0.1 } },
    { date: '2025-02-25', errors: { rate: 0.002 } },
    { date: '2025-02-26', errors: { rate: 0.004 } },
    { date: '2025-02-27', errors: { rate: null } },
    { date: '2025-02-28', errors: { rate: 0.006 } },
    { date: '2025-03-03', errors: { rate: 0.9 } }, // D itself: never compared with itself
    { date: '2025-02-21', errors: { rate: 0.5 } }, // sixth back: outside the 5
  ];
  it('uses the latest earlier run and the mean of the 5 before D that have a value', () => {
    const c = compare('errors.rate', 0.003, previousRuns(history, '2025-03-03'));
    expect(c.previous).toBe(0.006);
    expect(c.previousDate).toBe('2025-02-28');
    expect(c.mean5Days).toBe(4);
    expect(c.mean5).toBeCloseTo((0.1 + 0.002 + 0.004 + 0.006) / 4, 12);
    expect(compare('errors.rate', 1, []).previous).toBeNull();
  });
  it('applies red before amber and says missing for a missing figure', () => {
    const t = { amber: '> 600', red: '> 900' };
    expect(statusOf(901, t)).toBe('alert');
    expect(statusOf(900, t)).toBe('watch');
    expect(statusOf(600, t)).toBe('normal');
    expect(statusOf(null, t)).toBe('missing');
    expect(statusOf(5, undefined)).toBe('none');
    expect(() => statusOf(1, { red: 'more than 3' }, 'errors.rate')).toThrow(/errors\.rate\.red/);
  });
});
