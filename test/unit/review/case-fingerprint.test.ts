import { describe, expect, it } from 'vitest';
import { caseDueDate, caseFingerprint } from '../../../jobs/review/cases';

const normalise = (v: string | null) => (v ?? '').replace(/\s+/g, '');
const SLA = { slaWorkingDays: { critical: 1, high: 5, medium: 20, low: 60 } };

describe('caseFingerprint', () => {
  it('is the sha256 of both normalised values: cosmetic edits keep it, a changed value on either side does not', () => {
    const base = caseFingerprint({ bankValue: '张 三', registryValue: '李四' }, { normalise });
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(caseFingerprint({ bankValue: '张三', registryValue: '李 四' }, { normalise })).toBe(base);
    expect(caseFingerprint({ bankValue: '张三丰', registryValue: '李四' }, { normalise })).not.toBe(base);
    expect(caseFingerprint({ bankValue: '张三', registryValue: '王五' }, { normalise })).not.toBe(base);
  });

  it('keeps the two sides apart: (ab, c) and (a, bc) differ', () => {
    expect(caseFingerprint({ bankValue: 'ab', registryValue: 'c' }, { normalise })).not.toBe(caseFingerprint({ bankValue: 'a', registryValue: 'bc' }, { normalise }));
  });

  it('judges a registry-only field by the registry value alone', () => {
    const a = caseFingerprint({ bankValue: null, registryValue: '注销' }, { normalise, registryOnly: true });
    expect(caseFingerprint({ bankValue: '存续', registryValue: '注销' }, { normalise, registryOnly: true })).toBe(a);
    expect(caseFingerprint({ bankValue: null, registryValue: '吊销' }, { normalise, registryOnly: true })).not.toBe(a);
  });
});

describe('caseDueDate', () => {
  it('counts working days on the business calendar: the National Day holiday off, the make-up Saturday on', () => {
    expect(caseDueDate('2025-09-30', 'critical', SLA)).toBe('2025-10-09');
    expect(caseDueDate('2025-09-30', 'high', SLA)).toBe('2025-10-14');
    expect(caseDueDate('2025-12-01', 'medium', SLA)).toBe('2025-12-29');
  });
});
