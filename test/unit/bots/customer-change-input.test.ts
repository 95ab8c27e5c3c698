import { describe, expect, it } from 'vitest';
import { caseRemark, caseToken } from '../../../bots/core-banking/customer-change/case-remark';
import { CustomerChangeInput } from '../../../bots/core-banking/customer-change/change-input';
import { CUSTOMER_CHANGE_FIELDS, type CustomerChangeField } from '../../../bots/records';
import type { WritableField } from '../../../jobs/runtime/db/tables';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe('core-banking.customer-change input', () => {
  it('writes exactly the fields the case ledger calls writable', () => {
    // Fails to type-check when jobs/runtime/db/tables.ts and bots/records drift apart.
    const same: Same<WritableField, CustomerChangeField> = true;
    expect(same).toBe(true);
    expect([...CUSTOMER_CHANGE_FIELDS].sort()).toEqual(['address', 'businessScope', 'legalRepresentative', 'licenseExpiry', 'name', 'registeredCapital']);
  });

  it('refuses submit without an approval id, accepts dry-run without one', () => {
    const base = { caseId: 12, accountNo: '0022000000000001', field: 'address', newValue: '新地址' };
    const refused = CustomerChangeInput.safeParse({ ...base, mode: 'submit' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(['approvalId']);
    expect(CustomerChangeInput.parse({ ...base, mode: 'dry-run' })).toMatchObject({ caseId: '12', mode: 'dry-run' });
    expect(CustomerChangeInput.parse({ ...base, mode: 'submit', approvalId: 7 })).toMatchObject({ caseId: '12', approvalId: '7' });
  });

  it('refuses ids that could break out of the remark token, and unknown fields', () => {
    const base = { accountNo: '0022000000000001', field: 'address', newValue: 'x', mode: 'dry-run' };
    expect(CustomerChangeInput.safeParse({ ...base, caseId: '12] [case:13' }).success).toBe(false);
    expect(CustomerChangeInput.safeParse({ ...base, caseId: 12, field: 'uscc' }).success).toBe(false);
    expect(CustomerChangeInput.safeParse({ ...base, caseId: 12, accountNo: '0022-0001' }).success).toBe(false);
  });

  it('puts a bracketed case token in the remark, never a prefix of another case', () => {
    expect(caseRemark('12', '7')).toBe('opsbot 年检差异更正 [case:12] [approval:7]');
    expect(caseRemark('123', '7')).not.toContain(caseToken('12'));
    expect(caseRemark('12')).toBe('opsbot 年检差异更正 [case:12]');
  });
});
