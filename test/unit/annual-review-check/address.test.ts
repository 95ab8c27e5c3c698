import { describe, expect, it } from 'vitest';
import { compareAddress, isAdministrativePrefix, textSimilarity } from '../../../jobs/annual-review-check/address';

describe('compareAddress', () => {
  it.each([
    ['甘肃省兰州市榆中县来紫堡乡桑园子村', '榆中县来紫堡乡桑园子村'],
    ['榆中县来紫堡乡桑园子村', '甘肃省兰州市榆中县来紫堡乡桑园子村'],
    ['吉林省长春市新民大街1296号', '长春市新民大街1296号'],
    ['甘肃兰州市榆中县来紫堡乡', '榆中县来紫堡乡'],
    ['新疆维吾尔自治区乌鲁木齐市天山区解放南路1号', '天山区解放南路1号'],
    ['北京市 朝阳区（东）１号', '北京市朝阳区(东)1号'],
  ])('%s matches %s', (a, b) => {
    expect(compareAddress(a, b)).toEqual({ match: true, similarity: 1 });
  });

  it('a different street is a mismatch with a similarity below 1', () => {
    const result = compareAddress('长春市新民大街1296号', '长春市人民大街1296号');
    expect(result.match).toBe(false);
    expect(result.similarity).toBeGreaterThan(0.7);
    expect(result.similarity).toBeLessThan(1);
  });

  it('a different city in front is not a prefix', () => {
    expect(compareAddress('北京市朝阳区建国路1号', '上海市朝阳区建国路1号').match).toBe(false);
  });

  it('a non-administrative leading text is not a prefix', () => {
    expect(compareAddress('新华书店新民大街1296号', '新民大街1296号').match).toBe(false);
  });
});

describe('isAdministrativePrefix / textSimilarity', () => {
  it('knows administrative prefixes', () => {
    expect(isAdministrativePrefix('甘肃省兰州市')).toBe(true);
    expect(isAdministrativePrefix('内蒙古自治区呼和浩特市')).toBe(true);
    expect(isAdministrativePrefix('')).toBe(false);
    expect(isAdministrativePrefix('新华书店')).toBe(false);
  });
  it('similarity is 1 for equal, 0 for disjoint', () => {
    expect(textSimilarity('abc', 'abc')).toBe(1);
    expect(textSimilarity('abc', 'xyz')).toBe(0);
    expect(textSimilarity('abcd', 'abce')).toBe(0.75);
  });
});
