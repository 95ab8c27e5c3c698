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

function isChangeList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const change of value as unknown[]) {
    if (!isPlainObject(change)) return false;
    if (!isString(change.date) || !isString(change.item) || !isString(change.before) || !isString(change.after)) return false;
  }
  return true;
}

const isOptionalString = (value: unknown): boolean => value === undefined || typeof value === 'string';

/** An optional list tab (经营异常 / 严重违法失信): absent, or entries of the record's shape. */
function isOptionalListing(value: unknown): boolean {
  if (value === undefined) return true;
  if (!Array.isArray(value)) return false;
  for (const entry of value as unknown[]) {
    if (!isPlainObject(entry)) return false;
    if (!isString(entry.listedOn) || !isString(entry.reason) || !isString(entry.authority)) return false;
    if (!isOptionalString(entry.removedOn) || !isOptionalString(entry.removalReason)) return false;
  }
  return true;
}

function isCompany(value: unknown): value is RegistryCompanyRecord {
  if (!isPlainObject(value)) return false;
  const { uscc, name, registeredDate, companyType, legalRepresentative, registeredCapital, businessScope, province, region, address, status, operatingUntil, authority, evidence } = value;
  if (!isString(uscc) || uscc.length === 0 || !isString(name) || !isString(registeredDate) || !isString(companyType) || !isString(legalRepresentative)) return false;
  if (!isString(registeredCapital) || !isString(businessScope) || !isString(province) || !isString(region) || !isString(address)) return false;
  if (!isString(status) || !isString(operatingUntil) || !isString(authority)) return false;
  // An optional key: absent (JSON has no `undefined`) or a string.
  if (evidence !== undefined && !isString(evidence)) return false;
  return isChangeList(value.changes) && isOptionalListing(value.abnormalOperations) && isOptionalListing(value.seriousViolations);
}

/**
 * True when zod would accept `value` as a RegistryLookupResult. The index then reads the few
 * fields it keeps straight from `value` (zod's parse would only have copied them, minus unknown
 * keys, which the index never reads), so no record is built per line.
 */
export function isLookupResultShape(value: unknown): value is RegistryLookupResult {
  if (!isPlainObject(value)) return false;
  const { uscc, outcome } = value;
  if (!isString(uscc) || uscc.length === 0) return false;
  if (outcome === 'found') return isCompany(value.company);
  if (outcome === 'notFound') return true;
  return outcome === 'failed' && isString(value.error) && value.error.length > 0;
}
