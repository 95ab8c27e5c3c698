import { describe, expect, it } from 'vitest';
import { parseCapital, sameCapital } from '../../../jobs/annual-review-check/capital';

describe('parseCapital', () => {
  it.each([
    ['1000万元', '10000000', 'CNY'],
    ['10000000元', '10000000', 'CNY'],
    ['1,112(万元人民币)', '11120000', 'CNY'],
    ['1.5亿元', '150000000', 'CNY'],
    ['500(万港币)', '5000000', 'HKD'],
    ['500万港元', '5000000', 'HKD'],
    ['500（万香港元）', '5000000', 'HKD'],
    ['64(万美元)', '640000', 'USD'],
    ['12(万元美元)', '120000', 'USD'],
    ['4,079.8000(万元人民币)', '40798000', 'CNY'],
    ['327.8151(万人民币 )', '3278151', 'CNY'],
    ['0.123456(万元)', '1234.56', 'CNY'],
    ['50()', '50', 'CNY'],
    ['人民币 300 万元整', '3000000', 'CNY'],
    ['３００万元', '3000000', 'CNY'],
    ['100(万日元)', '1000000', 'JPY'],
  ])('%s → %s %s', (text, amountYuan, currency) => {
    expect(parseCapital(text)).toEqual({ kind: 'amount', capital: { amountYuan, currency } });
  });

  it.each(['N/A', '', '  ', null])('%s is missing', (text) => {
    expect(parseCapital(text)).toEqual({ kind: 'missing' });
  });

  it.each(['约五百万', '100万或200万', '100万比特币'])('%s is unparseable, not silently zero', (text) => {
    expect(parseCapital(text).kind).toBe('unparseable');
  });

  it('compares exactly without float drift (0.1 + 0.2 style amounts)', () => {
    const a = parseCapital('0.3万元');
    const b = parseCapital('3000元');
    const c = parseCapital('3000.0001元');
    if (a.kind !== 'amount' || b.kind !== 'amount' || c.kind !== 'amount') throw new Error('expected amounts');
    expect(sameCapital(a.capital, b.capital)).toBe(true);
    expect(sameCapital(a.capital, c.capital)).toBe(false);
  });

  it('a currency change is a difference', () => {
    const a = parseCapital('500万元');
    const b = parseCapital('500万港币');
    if (a.kind !== 'amount' || b.kind !== 'amount') throw new Error('expected amounts');
    expect(sameCapital(a.capital, b.capital)).toBe(false);
  });
});
