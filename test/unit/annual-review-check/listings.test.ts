// Issue #17: seriousViolation (critical) and abnormalOperation (high), judged from the registry
// alone on the review date, for every found company whatever its other flags; bankValue empty,
// registryValue `<listedOn> <reason>` of the latest current entry.
import { describe, expect, it } from 'vitest';
import type { RegistryListEntry } from '../../../bots/records';
import { actionFor } from '../../../jobs/annual-review-check/actions';
import { isCurrentListing } from '../../../jobs/annual-review-check/listings';
import { checkAccount, judgeAccount, type RegistryCompanyFields } from '../../../jobs/annual-review-check/rules';
import { registryCompany, reviewAccount } from './support/records';

const reviewDate = '2025-10-31';
const NO_REPORT = '未依照《企业信息公示暂行条例》第八条规定的期限公示年度报告的';
const FALSE_MATERIALS = '提交虚假材料或者采取其他欺诈手段隐瞒重要事实，取得公司登记的';
const AUTHORITY = '兰州市城关区市场监督管理局';

const listed = (listedOn: string, reason = NO_REPORT, removedOn?: string): RegistryListEntry => ({
  listedOn,
  reason,
  authority: AUTHORITY,
  ...(removedOn === undefined ? {} : { removedOn, removalReason: '补报年度报告后申请移出' }),
});

function flagsOf(company: Partial<RegistryCompanyFields>, account = reviewAccount(), date = reviewDate) {
  return checkAccount(account, { kind: 'found', company: { ...registryCompany(), ...company } }, date);
}

describe('the two lists', () => {
  it('a current serious-violation entry: critical, bank value empty, registry value <listedOn> <reason>', () => {
    const [flag, ...rest] = flagsOf({ seriousViolations: [listed('2024-08-20', FALSE_MATERIALS)] });
    expect(rest).toEqual([]);
    expect(flag).toMatchObject({ field: 'seriousViolation', severity: 'critical', rule: 'seriousViolation', bankValue: null, registryValue: `2024-08-20 ${FALSE_MATERIALS}` });
    expect(flag?.message).toBe(`企业于 2024-08-20 由${AUTHORITY}列入严重违法失信名单（${FALSE_MATERIALS}），核验日 2025-10-31 仍在严重违法失信名单中。`);
    expect(actionFor('seriousViolation')).toContain('暂停非柜面业务并报告');
  });

  it('a current abnormal-operation entry: high', () => {
    const flags = flagsOf({ abnormalOperations: [listed('2025-07-10')] });
    expect(flags.map((f) => [f.field, f.severity, f.registryValue])).toEqual([['abnormalOperation', 'high', `2025-07-10 ${NO_REPORT}`]]);
    expect(judgeAccount(reviewAccount(), { kind: 'found', company: { ...registryCompany(), abnormalOperations: [listed('2025-07-10')] } }, reviewDate).verdict).toBe('mismatch');
    expect(actionFor('abnormalOperation')).toMatch(/移出名录/u);
  });

  it('are checked whatever the other flags, most severe first', () => {
    const flags = flagsOf(
      { status: '吊销，未注销', seriousViolations: [listed('2023-08-01', FALSE_MATERIALS)], abnormalOperations: [listed('2020-07-10')] },
      reviewAccount({ name: '兰州远达商贸有限责任公司' }),
    );
    expect(flags.map((f) => `${f.field}/${f.severity}`)).toEqual(['status/critical', 'seriousViolation/critical', 'name/high', 'abnormalOperation/high']);
  });

  it('removed, then listed again: the relisting is current and reported', () => {
    const flags = flagsOf({ abnormalOperations: [listed('2023-07-10', NO_REPORT, '2023-09-01'), listed('2024-07-10', NO_REPORT, '2024-08-15'), listed('2025-07-10')] });
    expect(flags.map((f) => f.registryValue)).toEqual([`2025-07-10 ${NO_REPORT}`]);
  });

  it('of two current entries, the one listed last', () => {
    const flags = flagsOf({ abnormalOperations: [listed('2025-07-10', '通过登记的住所或者经营场所无法联系的'), listed('2024-07-10')] });
    expect(flags.map((f) => f.registryValue)).toEqual(['2025-07-10 通过登记的住所或者经营场所无法联系的']);
  });

  it('removed after the review date: still current on the review date', () => {
    const flags = flagsOf({ abnormalOperations: [listed('2025-07-10', NO_REPORT, '2025-11-05')] });
    expect(flags.map((f) => f.field)).toEqual(['abnormalOperation']);
  });

  it('removed on or before the review date, or listed after it: not current, no flag', () => {
    expect(flagsOf({ abnormalOperations: [listed('2025-07-10', NO_REPORT, '2025-10-31')] })).toEqual([]);
    expect(flagsOf({ abnormalOperations: [listed('2025-07-10', NO_REPORT, '2025-09-01')] })).toEqual([]);
    expect(flagsOf({ seriousViolations: [listed('2025-11-03', FALSE_MATERIALS)] })).toEqual([]);
    // Listed on the review date itself: current.
    expect(flagsOf({ seriousViolations: [listed('2025-10-31', FALSE_MATERIALS)] }).map((f) => f.field)).toEqual(['seriousViolation']);
  });

  it('a record without the lists (every record before issue #17) and empty lists flag nothing', () => {
    expect(flagsOf({})).toEqual([]);
    expect(flagsOf({ abnormalOperations: [], seriousViolations: [] })).toEqual([]);
  });

  it('need a company: not found, an invalid code and a failed lookup raise no list flag', () => {
    expect(checkAccount(reviewAccount(), { kind: 'notFound' }, reviewDate).map((f) => f.field)).toEqual(['notFound']);
    expect(checkAccount(reviewAccount(), { kind: 'failed', error: '503' }, reviewDate)).toEqual([]);
    const invalid = checkAccount(reviewAccount({ uscc: '91620105750906995X' }), { kind: 'found', company: { ...registryCompany(), seriousViolations: [listed('2024-01-02')] } }, reviewDate);
    expect(invalid.map((f) => f.field)).toEqual(['uscc']);
  });

  it('a date that is not a date never hides a listing', () => {
    expect(isCurrentListing(listed('不详'), reviewDate)).toBe(true);
    expect(isCurrentListing(listed('2025-07-10', NO_REPORT, '待定'), reviewDate)).toBe(true);
    expect(isCurrentListing(listed('2025年7月10日', NO_REPORT, '2025年9月1日'), reviewDate)).toBe(false);
  });
});
