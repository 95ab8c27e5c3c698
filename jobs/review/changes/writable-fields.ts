import type { WritableField } from '../../runtime/db';

/** The case fields core banking's 对公客户信息变更申请 can write (review-workbench.md, "Write-back"). */
export const WRITABLE_FIELDS: readonly WritableField[] = ['name', 'legalRepresentative', 'address', 'registeredCapital', 'businessScope', 'licenseExpiry'];

export function isWritableField(field: string): field is WritableField {
  return (WRITABLE_FIELDS as readonly string[]).includes(field);
}
