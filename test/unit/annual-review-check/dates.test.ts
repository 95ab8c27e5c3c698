import { describe, expect, it } from 'vitest';
import { excelSerialToIso, parseTermDate, sameTerm } from '../../../jobs/annual-review-check/dates';

describe('parseTermDate', () => {
  it.each([
    '2030-01-05',
    '2030/1/5',
    '2030.01.05',
    '2030年1月5日',
    '2030年01月05日',
    '20300105',
    '2030-01-05 00:00:00',
    '2030-01-05T00:00:00.000Z',
    '２０３０－０１－０５',
    '47488',
    '1998-04-12至2030-01-05',
  ])('%s is 2030-01-05', (text) => {
    expect(parseTermDate(text)).toEqual({ kind: 'date', iso: '2030-01-05' });
  });

  it.each(['长期', '无固定期限', '永久', ' 长期 ', '1998-04-12至长期'])('%s is forever', (text) => {
    expect(parseTermDate(text)).toEqual({ kind: 'forever' });
  });

  it.each(['2030-02-30', '明年', '12', '', null])('%s is not a date', (text) => {
    expect(parseTermDate(text)).toBeNull();
  });

  it('Excel serials: 1 is 1900-01-01, 60 is the phantom 1900-02-29 skipped', () => {
    expect(excelSerialToIso(1)).toBe('1899-12-31');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(45658)).toBe('2025-01-01');
  });

  it('compares forever with forever and dates with dates', () => {
    expect(sameTerm({ kind: 'forever' }, { kind: 'forever' })).toBe(true);
    expect(sameTerm({ kind: 'forever' }, { kind: 'date', iso: '2030-01-05' })).toBe(false);
    expect(sameTerm({ kind: 'date', iso: '2030-01-05' }, { kind: 'date', iso: '2030-01-06' })).toBe(false);
  });
});
