import { describe, expect, it } from 'vitest';
import type { RegistryLookup } from '../../../jobs/annual-review-check/rules';
import { checkAccount, judgeAccount, needsLookup } from '../../../jobs/annual-review-check/rules';
import { actionFor } from '../../../jobs/annual-review-check/actions';
import { registryCompany, reviewAccount } from './support/records';

const reviewDate = '2025-10-31';
const found = (overrides: Parameters<typeof registryCompany>[0] = {}): RegistryLookup => ({ kind: 'found', company: registryCompany(overrides) });

describe('checkAccount: a consistent pair passes', () => {
  it('has no flags and verdict pass', () => {
    expect(judgeAccount(reviewAccount(), found(), reviewDate)).toEqual({ accountNo: '0062202301000123', verdict: 'pass', flags: [] });
  });
});

describe('checkAccount: one rule at a time', () => {
  it.each([
    ['name', { name: '兰州远达商贸有限责任公司' }, {}, 'high', 'name.differs'],
    ['legalRepresentative', { legalRepresentative: '艾力·托合买' }, {}, 'high', 'legalRepresentative.differs'],
    ['licenseExpiry', {}, { operatingUntil: '2025-10-30' }, 'high', 'licenseExpiry.expired'],
    ['licenseExpiry', { licenseExpiry: '2041-05-19' }, {}, 'medium', 'licenseExpiry.differs'],
    ['licenseExpiry', { licenseExpiry: '长期' }, {}, 'medium', 'licenseExpiry.differs'],
    ['registeredCapital', { registeredCapital: '1113万元' }, {}, 'medium', 'registeredCapital.amount'],
    ['registeredCapital', { registeredCapital: '1112万港币' }, {}, 'medium', 'registeredCapital.currency'],
    ['address', { address: '兰州市城关区庆阳路2号' }, {}, 'medium', 'address.differs'],
    ['businessScope', { businessScope: '日用百货销售' }, {}, 'low', 'businessScope.differs'],
    ['status', {}, { status: '注销' }, 'critical', 'status.deregistered'],
    ['status', {}, { status: '已注销' }, 'critical', 'status.deregistered'],
    ['status', {}, { status: '吊销，未注销' }, 'critical', 'status.revoked'],
    ['status', {}, { status: '撤销' }, 'critical', 'status.cancelled'],
    ['status', {}, { status: '迁出' }, 'high', 'status.movedOut'],
    ['status', {}, { status: '停业' }, 'high', 'status.suspended'],
    ['status', {}, { status: '清算中' }, 'high', 'status.liquidating'],
  ] as const)('%s: bank %o registry %o → %s %s', (field, bank, registry, severity, rule) => {
    const flags = checkAccount(reviewAccount(bank), found(registry), reviewDate);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ field, severity, rule, accountNo: '0062202301000123', uscc: '91620105750906995R' });
    expect(flags[0]?.message).toMatch(/[\u4e00-\u9fff]/u);
    expect(actionFor(rule)).toMatch(/[\u4e00-\u9fff]/u);
  });

  it('a licence valid through the review date itself has not expired', () => {
    expect(checkAccount(reviewAccount({ licenseExpiry: null }), found({ operatingUntil: reviewDate }), reviewDate)).toEqual([]);
  });

  it('an expired licence is flagged high even when the bank has the same date', () => {
    const flags = checkAccount(reviewAccount({ licenseExpiry: '2024/1/5' }), found({ operatingUntil: '2024-01-05' }), reviewDate);
    expect(flags.map((f) => [f.field, f.severity])).toEqual([['licenseExpiry', 'high']]);
  });

  it('the address flag carries the similarity', () => {
    const [flag] = checkAccount(reviewAccount({ address: '兰州市城关区庆阳路2号' }), found(), reviewDate);
    expect(flag?.similarity).toBeGreaterThan(0.8);
    expect(flag?.similarity).toBeLessThan(1);
    expect(flag?.bankValue).toBe('兰州市城关区庆阳路2号');
    expect(flag?.registryValue).toBe('兰州市城关区庆阳路1号');
  });

  it.each([
    ['registeredCapital', null],
    ['registeredCapital', 'N/A'],
    ['address', null],
    ['businessScope', ''],
    ['licenseExpiry', null],
  ] as const)('an empty optional bank column %s=%s is not compared', (column, value) => {
    expect(checkAccount(reviewAccount({ [column]: value }), found(), reviewDate)).toEqual([]);
  });

  it('registry capital N/A is not compared', () => {
    expect(checkAccount(reviewAccount({ registeredCapital: '5万元' }), found({ registeredCapital: 'N/A' }), reviewDate)).toEqual([]);
  });

  it('an unreadable capital is flagged for a human, not dropped', () => {
    const flags = checkAccount(reviewAccount({ registeredCapital: '约一千万' }), found(), reviewDate);
    expect(flags.map((f) => f.rule)).toEqual(['registeredCapital.unparseable']);
  });

  it('an unrecognised registry status is flagged for a human, not passed', () => {
    const flags = checkAccount(reviewAccount(), found({ status: '其他' }), reviewDate);
    expect(flags.map((f) => [f.field, f.rule])).toEqual([['status', 'status.unrecognised']]);
  });

  it('several findings come most severe first, one per field', () => {
    const flags = checkAccount(
      reviewAccount({ businessScope: '餐饮', address: '北京市海淀区中关村1号', name: '别的公司' }),
      found({ status: '吊销', legalRepresentative: '王五' }),
      reviewDate,
    );
    expect(flags.map((f) => `${f.field}:${f.severity}`)).toEqual([
      'status:critical',
      'name:high',
      'legalRepresentative:high',
      'address:medium',
      'businessScope:low',
    ]);
  });
});

describe('checkAccount: short circuits and verdicts', () => {
  it('an invalid code gives only the uscc flag, even against a differing registry record', () => {
    const flags = checkAccount(reviewAccount({ uscc: '320123000004935', name: '别的公司' }), found({ status: '注销' }), reviewDate);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ field: 'uscc', severity: 'critical', rule: 'uscc.length', bankValue: '320123000004935', registryValue: null });
  });

  it('a valid code written with spaces and lower case is fine', () => {
    expect(checkAccount(reviewAccount({ uscc: '91620105 750906995r' }), found(), reviewDate)).toEqual([]);
    expect(needsLookup(reviewAccount({ uscc: '91620105 750906995r' }))).toBe(true);
    expect(needsLookup(reviewAccount({ uscc: '91620105750906995A' }))).toBe(false);
  });

  it('not found is one critical notFound flag and nothing else', () => {
    const judgement = judgeAccount(reviewAccount({ name: 'x' }), { kind: 'notFound' }, reviewDate);
    expect(judgement.verdict).toBe('mismatch');
    expect(judgement.flags.map((f) => [f.field, f.severity])).toEqual([['notFound', 'critical']]);
  });

  it('a failed lookup is unverifiable with no flags, never pass', () => {
    expect(judgeAccount(reviewAccount({ name: 'x' }), { kind: 'failed', error: 'HTTP 503' }, reviewDate)).toEqual({
      accountNo: '0062202301000123',
      verdict: 'unverifiable',
      flags: [],
    });
  });

  it('an invalid code is a mismatch even when the lookup failed (no lookup is needed to know it)', () => {
    expect(judgeAccount(reviewAccount({ uscc: 'abc' }), { kind: 'failed', error: 'down' }, reviewDate).verdict).toBe('mismatch');
  });
});
