import { z } from 'zod';
import { StoredPage } from './stored-page';

/** One change-history entry (变更记录) on the registry's detail page. */
export const RegistryChange = z.object({
  date: z.string(),
  item: z.string(),
  before: z.string(),
  after: z.string(),
});

/**
 * A company as the business registry's detail page shows it (基本信息 tab + 变更记录 tab).
 * Text is kept as shown; empty status means 存续 and empty term means 长期 per the spec, applied by
 * the registry portal itself when it renders.
 */
export const RegistryCompanyRecord = z.object({
  uscc: z.string().min(1),
  name: z.string(),
  registeredDate: z.string(),
  companyType: z.string(),
  legalRepresentative: z.string(),
  registeredCapital: z.string(),
  businessScope: z.string(),
  province: z.string(),
  region: z.string(),
  address: z.string(),
  status: z.string(),
  operatingUntil: z.string(),
  authority: z.string(),
  changes: z.array(RegistryChange),
  /** Evidence screenshot of the detail page, relative to the run folder, when one was taken. */
  evidence: z.string().optional(),
});
export type RegistryCompanyRecord = z.infer<typeof RegistryCompanyRecord>;

/** The registry pages a lookup read (its detail page), kept byte for byte: evidence rendered later needs no request. */
const LookupPages = z.array(StoredPage).optional();

/**
 * What the registry bot answers for one code: the company, "not found" (a business outcome, the
 * check flags `notFound`), or a lookup that failed after all retries (the check marks the account
 * `unverifiable`; a failed lookup is never dropped and never counts as a pass).
 */
export const RegistryLookupResult = z.discriminatedUnion('outcome', [
  z.object({ uscc: z.string().min(1), outcome: z.literal('found'), company: RegistryCompanyRecord, pages: LookupPages }),
  z.object({ uscc: z.string().min(1), outcome: z.literal('notFound'), pages: LookupPages }),
  z.object({ uscc: z.string().min(1), outcome: z.literal('failed'), error: z.string().min(1) }),
]);
export type RegistryLookupResult = z.infer<typeof RegistryLookupResult>;
