// Issue #17: a flag on a field the registry's 变更记录 dates carries changedOn, reportDueOn and
// overdueWorkingDays, and its message ends as the spec words it. Deadlines counted by hand (see
// calendar-working-days.test.ts): the review date is 2025-10-31 unless a test says otherwise.
import { describe, expect, it } from 'vitest';
import type { RegistryChange } from '../../../bots/records';
import { changeDating, changeDatingEnding, sameRegistryValue } from '../../../jobs/annual-review-check/change-dates';
import { fieldOfChangeItem } from '../../../jobs/annual-review-check/change-items';
import { checkAccount } from '../../../jobs/annual-review-check/rules';
import { registryCompany, reviewAccount } from './support/records';

const reviewDate = '2025-10-31';
const change = (date: string, item: string, after: string, before = '旧值'): RegistryChange => ({ date, item, before, after });

/** The bank still has the old legal representative; the registry has 艾力·托合提 since `changes`. */
function legalRepFlag(changes: RegistryChange[], date = reviewDate) {
  const flags = checkAccount(reviewAccount({ legalRepresentative: '张三' }), { kind: 'found', company: registryCompany({ changes }) }, date);
  expect(flags.map((f) => f.field)).toEqual(['legalRepresentative']);
  return flags[0]!;
}

describe('the 变更事项 keywords', () => {
  it.each([
    ['法定代表人变更', 'legalRepresentative'],
    ['负责人变更', 'legalRepresentative'],
    ['投资人变更（包括出资额、出资方式、出资日期、投资人名称等）', 'legalRepresentative'],
    ['名称变更', 'name'],
    ['企业名称变更', 'name'],
    ['住所变更', 'address'],
    ['经营场所变更', 'address'],
    ['地址变更', 'address'],
    ['注册资本变更', 'registeredCapital'],
    ['注册资金变更', 'registeredCapital'],
    ['经营范围变更', 'businessScope'],
    ['营业期限变更', 'licenseExpiry'],
    ['章程备案', undefined],
    ['董事备案', undefined],
    ['财务负责人变更', undefined],
  ])('%s → %s', (item, field) => {
    expect(fieldOfChangeItem(item)).toBe(field);
  });
});

describe('each field compares a change’s after with the current value its own way', () => {
  it.each([
    ['legalRepresentative', '艾力•托合提', '艾力·托合提', true],
    ['name', '兰州远达商贸（有限公司）', '兰州远达商贸(有限公司)', true],
    ['name', '兰州远达商贸有限责任公司', '兰州远达商贸有限公司', false],
    ['address', '甘肃省兰州市城关区庆阳路1号', '兰州市城关区庆阳路1号', true],
    ['address', '兰州市城关区庆阳路2号', '兰州市城关区庆阳路1号', false],
    ['registeredCapital', '1112万元', '1,112(万元人民币)', true],
    ['registeredCapital', '1112万美元', '1,112(万元人民币)', false],
    ['licenseExpiry', '2040年5月19日', '2040-05-19', true],
    ['licenseExpiry', '长期', '', true],
    ['licenseExpiry', '无固定期限', '长期', true],
    ['businessScope', '日用百货销售', '日用百货销售（依法须经批准的项目）', false],
    ['legalRepresentative', '', '', false],
  ] as const)('%s: %s vs %s → %s', (field, after, current, same) => {
    expect(sameRegistryValue(field, after, current)).toBe(same);
  });
});

describe('dating a flag from the 变更记录', () => {
  it('a change on the Friday before the National Day week: due on the 5th working day after it, overdue by the review date', () => {
    const flag = legalRepFlag([change('2025-09-26', '法定代表人变更', '艾力•托合提', '张三')]);
    expect(flag).toMatchObject({ changedOn: '2025-09-26', reportDueOn: '2025-10-10', overdueWorkingDays: 16 });
    expect(flag.message.endsWith('工商登记于 2025-09-26 变更，应于 2025-10-10 前到行办理，已逾期 16 个工作日')).toBe(true);
    // The finding itself is still said first.
    expect(flag.message.startsWith('银行登记的法定代表人“张三”')).toBe(true);
  });

  it('a change on a make-up Saturday (2025-10-11) counts from that day: 13–17 Oct', () => {
    const flags = checkAccount(
      reviewAccount({ address: '兰州市七里河区西津西路8号' }),
      { kind: 'found', company: registryCompany({ changes: [change('2025-10-11', '住所变更', '甘肃省兰州市城关区庆阳路1号')] }) },
      reviewDate,
    );
    expect(flags[0]).toMatchObject({ field: 'address', changedOn: '2025-10-11', reportDueOn: '2025-10-17', overdueWorkingDays: 10 });
  });

  it('a change on a make-up Sunday (2025-09-28): the make-up Saturday 11 Oct is its 5th working day', () => {
    expect(legalRepFlag([change('2025-09-28', '负责人变更', '艾力·托合提')])).toMatchObject({ changedOn: '2025-09-28', reportDueOn: '2025-10-11', overdueWorkingDays: 15 });
  });

  it('a year outside the calendar’s data counts Monday–Friday, guessing no holiday', () => {
    const flag = legalRepFlag([change('2003-09-26', '法定代表人变更', '艾力·托合提')], '2003-10-10');
    expect(flag).toMatchObject({ changedOn: '2003-09-26', reportDueOn: '2003-10-03', overdueWorkingDays: 5 });
    // From 2003 (Mon–Fri) into 2004 (the calendar): 63 + 2 working days.
    expect(legalRepFlag([change('2003-09-26', '法定代表人变更', '艾力·托合提')], '2004-01-05').overdueWorkingDays).toBe(65);
  });

  it('within the 5 working days: overdue 0 and the message says so', () => {
    for (const date of ['2025-10-09', '2025-10-10']) {
      const flag = legalRepFlag([change('2025-09-26', '法定代表人变更', '艾力·托合提')], date);
      expect(flag).toMatchObject({ changedOn: '2025-09-26', reportDueOn: '2025-10-10', overdueWorkingDays: 0 });
      expect(flag.message.endsWith('工商登记于 2025-09-26 变更，尚在办理期限内（截至 2025-10-10）')).toBe(true);
    }
    // The first working day past the deadline is the make-up Saturday.
    expect(legalRepFlag([change('2025-09-26', '法定代表人变更', '艾力·托合提')], '2025-10-11').overdueWorkingDays).toBe(1);
  });

  it('an entry whose after is not the current value dates nothing: no key, no guessed date, message unchanged', () => {
    const undated = checkAccount(reviewAccount({ legalRepresentative: '张三' }), { kind: 'found', company: registryCompany() }, reviewDate)[0]!;
    const flag = legalRepFlag([change('2025-09-26', '法定代表人变更', '李四', '张三'), change('2025-08-01', '住所变更', '艾力·托合提')]);
    expect(Object.keys(flag)).not.toContain('changedOn');
    expect(Object.keys(flag)).not.toContain('reportDueOn');
    expect(Object.keys(flag)).not.toContain('overdueWorkingDays');
    expect(flag.message).toBe(undated.message);
  });

  it('the latest entry whose after is the current value, not a later one that differs nor an older one', () => {
    const flag = legalRepFlag([
      change('2019-03-04', '法定代表人变更', '艾力·托合提'),
      change('2025-03-03', '法定代表人变更', '王五'),
      change('2024-06-03', '法定代表人变更', '艾力·托合提'),
    ]);
    expect(flag.changedOn).toBe('2024-06-03');
  });

  it('reads a change date in another form; an entry whose date is no date is skipped', () => {
    expect(legalRepFlag([change('2025年9月26日', '法定代表人变更', '艾力·托合提')]).changedOn).toBe('2025-09-26');
    expect(legalRepFlag([change('不详', '法定代表人变更', '艾力·托合提')]).changedOn).toBeUndefined();
  });

  it('dates every dated field by its own item and comparison', () => {
    const company = registryCompany({
      name: '兰州远达商贸有限责任公司',
      registeredCapital: '2000万元',
      businessScope: '日用百货销售',
      operatingUntil: '2025-03-01',
      changes: [
        change('2024-01-05', '名称变更', '兰州远达商贸有限责任公司'),
        change('2024-02-05', '注册资本变更', '20,000,000元'),
        change('2024-03-05', '经营范围变更', '日用百货销售'),
        change('2020-03-02', '营业期限变更', '2025年3月1日'),
      ],
    });
    const flags = checkAccount(reviewAccount(), { kind: 'found', company }, reviewDate);
    expect(flags.map((f) => [f.field, f.changedOn])).toEqual([
      ['name', '2024-01-05'],
      ['licenseExpiry', '2020-03-02'],
      ['registeredCapital', '2024-02-05'],
      ['businessScope', '2024-03-05'],
    ]);
    expect(flags.every((f) => f.overdueWorkingDays! > 0 && f.message.includes('已逾期'))).toBe(true);
  });

  it('a record without changes, and flags of other fields, carry no dating', () => {
    // As the lookup index keeps a company whose history dates nothing: no `changes` key at all.
    const { changes: _none, ...company } = registryCompany({ status: '注销' });
    const flags = checkAccount(reviewAccount({ legalRepresentative: '张三' }), { kind: 'found', company }, reviewDate);
    expect(flags.map((f) => f.field)).toEqual(['status', 'legalRepresentative']);
    for (const flag of flags) expect(flag.changedOn).toBeUndefined();
  });
});

describe('changeDating and its message ending', () => {
  it('returns nothing for no changes', () => {
    expect(changeDating(undefined, 'name', 'x', reviewDate)).toBeUndefined();
    expect(changeDating([], 'name', 'x', reviewDate)).toBeUndefined();
  });

  it('words both endings exactly as the spec', () => {
    expect(changeDatingEnding({ changedOn: '2025-09-26', reportDueOn: '2025-10-10', overdueWorkingDays: 16 })).toBe('工商登记于 2025-09-26 变更，应于 2025-10-10 前到行办理，已逾期 16 个工作日');
    expect(changeDatingEnding({ changedOn: '2025-09-26', reportDueOn: '2025-10-10', overdueWorkingDays: 0 })).toBe('工商登记于 2025-09-26 变更，尚在办理期限内（截至 2025-10-10）');
  });
});
