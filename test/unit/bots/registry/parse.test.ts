import { describe, expect, it } from 'vitest';
import { normaliseCode, parseBaseInfo, parseChanges, pickResult } from '../../../../bots/registry/parse';

const pairs: [string, string][] = [
  ['统一社会信用代码', '91620102MA7XQ6UD2W'], ['企业名称', '兰州金泰商贸有限公司'], ['类型', '有限责任公司'], ['法定代表人', '艾力·托合提'],
  ['注册资本', '1,112(万元人民币)'], ['成立日期', '2001-05-06'], ['营业期限至', ''], ['登记机关', '兰州市城关区市场监督管理局'],
  ['登记状态', ''], ['所在省份', '甘肃'], ['所在地区', '兰州'], ['住所', '城关区人民路1号'], ['经营范围', '日用百货销售。'],
];

describe('registry parse', () => {
  it('maps 基本信息 labels to fields, empty status → 存续 and empty term → 长期 (spec)', () => {
    const r = parseBaseInfo(pairs);
    expect(r.ok && r.value).toMatchObject({ uscc: '91620102MA7XQ6UD2W', legalRepresentative: '艾力·托合提', status: '存续', operatingUntil: '长期', region: '兰州', address: '城关区人民路1号' });
  });

  it('accepts older label spellings and says which required labels are missing', () => {
    const renamed = pairs.map(([l, v]): [string, string] => [l === '住所' ? '注册地址' : l === '统一社会信用代码' ? '统一社会信用代码/注册号' : l, v]);
    const r = parseBaseInfo(renamed);
    expect(r.ok && r.value.address).toBe('城关区人民路1号');
    const missing = parseBaseInfo(pairs.filter(([l]) => l !== '法定代表人'));
    expect(missing.ok ? '' : missing.problem).toContain('legalRepresentative');
  });

  it('reads 变更记录 columns by header text in any order', () => {
    const r = parseChanges(['序号', '变更日期', '变更事项', '变更后内容', '变更前内容'], [['1', '2020-01-02', '法定代表人变更', '李四', '张三']]);
    expect(r.ok && r.value).toEqual([{ date: '2020-01-02', item: '法定代表人变更', before: '张三', after: '李四' }]);
    expect(parseChanges(['变更事项'], []).ok).toBe(false);
  });

  it('normalises typed codes and picks the result row of the code searched', () => {
    expect(normaliseCode(' 91620102 ma7xq6ud2w\u3000')).toBe('91620102MA7XQ6UD2W');
    const rows = [{ code: '91620102MA7XQ6UD2A', href: '/a' }, { code: ' 91620102MA7XQ6UD2W ', href: '/b' }];
    expect(pickResult(rows, '91620102MA7XQ6UD2W')).toBe('/b');
    expect(pickResult(rows, '91620102MA7XQ6UD2X')).toBeUndefined();
  });
});
