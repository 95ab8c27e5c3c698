// Cheap structural checks for the two record kinds the build step reads by the 100,000: plain
// `typeof` tests instead of a zod parse per line (zod's safeParse was a tenth of the pass).
//
// They are a fast path, not a second schema: each returns exactly what the zod schema's parse
// would return (same fields, same key order, unknown keys dropped) or `null` when it is not sure,
// and the caller then asks zod, which names the offending field. So a record the bot wrote
// correctly never pays for zod, and a bad one is still reported exactly as before.

import type { RegistryCompanyRecord, RegistryLookupResult, ReviewAccountRecord } from '../../../bots/records';

type Loose = Record<string, unknown>;

function isPlainObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNullableString = (value: unknown): value is string | null => value === null || typeof value === 'string';

/** ReviewAccountRecord as zod would parse it, or null (then zod decides). */
export function quickReviewAccount(value: unknown): ReviewAccountRecord | null {
  if (!isPlainObject(value)) return null;
  const { accountNo, name, uscc, legalRepresentative, branch, accountType, registeredCapital, address, businessScope, licenseExpiry, relationshipManager } = value;
  if (!isString(accountNo) || accountNo.length === 0 || !isString(name) || !isString(uscc) || !isString(legalRepresentative)) return null;
  if (!isNullableString(branch) || !isNullableString(accountType) || !isNullableString(registeredCapital) || !isNullableString(address)) return null;
  if (!isNullableString(businessScope) || !isNullableString(licenseExpiry) || !isNullableString(relationshipManager)) return null;
  return { accountNo, name, uscc, legalRepresentative, branch, accountType, registeredCapital, address, businessScope, licenseExpiry, relationshipManager };
}

function quickChanges(value: unknown): RegistryCompanyRecord['changes'] | null {
  if (!Array.isArray(value)) return null;
  const changes: RegistryCompanyRecord['changes'] = [];
  for (const change of value as unknown[]) {
    if (!isPlainObject(change)) return null;
    const { date, item, before, after } = change;
    if (!isString(date) || !isString(item) || !isString(before) || !isString(after)) return null;
    changes.push({ date, item, before, after });
  }
  return changes;
}

function quickCompany(value: unknown): RegistryCompanyRecord | null {
  if (!isPlainObject(value)) return null;
  const { uscc, name, registeredDate, companyType, legalRepresentative, registeredCapital, businessScope, province, region, address, status, operatingUntil, authority, evidence } = value;
  if (!isString(uscc) || uscc.length === 0 || !isString(name) || !isString(registeredDate) || !isString(companyType) || !isString(legalRepresentative)) return null;
  if (!isString(registeredCapital) || !isString(businessScope) || !isString(province) || !isString(region) || !isString(address)) return null;
  if (!isString(status) || !isString(operatingUntil) || !isString(authority)) return null;
  const changes = quickChanges(value.changes);
  if (!changes) return null;
  // zod leaves an absent optional key out (and JSON has no `undefined`); a present one must be a string.
  if (evidence !== undefined && !isString(evidence)) return null;
  const company: RegistryCompanyRecord = { uscc, name, registeredDate, companyType, legalRepresentative, registeredCapital, businessScope, province, region, address, status, operatingUntil, authority, changes };
  if (evidence !== undefined) company.evidence = evidence;
  return company;
}

/** RegistryLookupResult as zod would parse it, or null (then zod decides). */
export function quickLookupResult(value: unknown): RegistryLookupResult | null {
  if (!isPlainObject(value)) return null;
  const { uscc, outcome } = value;
  if (!isString(uscc) || uscc.length === 0) return null;
  if (outcome === 'found') {
    const company = quickCompany(value.company);
    return company ? { uscc, outcome, company } : null;
  }
  if (outcome === 'notFound') return { uscc, outcome };
  if (outcome === 'failed') {
    const { error } = value;
    return isString(error) && error.length > 0 ? { uscc, outcome, error } : null;
  }
  return null;
}
