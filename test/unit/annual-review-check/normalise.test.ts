import { describe, expect, it } from 'vitest';
import { isBlank, normalisePersonName, normaliseText } from '../../../jobs/annual-review-check/normalise';

describe('normaliseText', () => {
  it('folds full-width characters and the ideographic space', () => {
    expect(normaliseText('ＡＢＣ１２３\u3000公司')).toBe('ABC123公司');
  });
  it('removes every whitespace', () => {
    expect(normaliseText(' 湛 锋\t\n')).toBe('湛锋');
  });
  it.each(['（集团）', '(集团)', '﹙集团﹚', '〔集团〕', '【集团】', '[集团]'])('unifies %s to (集团)', (text) => {
    expect(normaliseText(`北京${text}有限公司`)).toBe('北京(集团)有限公司');
  });
  it('keeps 有限公司 and 有限责任公司 apart', () => {
    expect(normaliseText('甲有限公司')).not.toBe(normaliseText('甲有限责任公司'));
  });
  it('upper-cases Latin letters', () => {
    expect(normaliseText('Wayne Austin')).toBe('WAYNEAUSTIN');
  });
});

describe('normalisePersonName', () => {
  it.each(['艾力·托合提', '艾力•托合提', '艾力．托合提', '艾力・托合提', '艾力.托合提', '艾力 · 托合提'])('%s becomes one form', (name) => {
    expect(normalisePersonName(name)).toBe('艾力·托合提');
  });
  it('keeps different names different', () => {
    expect(normalisePersonName('艾力·托合提')).not.toBe(normalisePersonName('艾力·托合买'));
  });
});

describe('isBlank', () => {
  it.each([null, undefined, '', '  ', 'N/A', 'n/a', '－', '无'])('%s is blank', (value) => {
    expect(isBlank(value)).toBe(true);
  });
  it('a value is not blank', () => {
    expect(isBlank('1000万元')).toBe(false);
  });
});
