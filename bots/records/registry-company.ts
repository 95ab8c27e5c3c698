import { z } from 'zod';
import { StoredPage } from './stored-page';

/** One change-history entry (变更记录) on the registry's detail page. */
export const RegistryChange = z.object({
  date: z.string(),
  item: z.string(),
  before: z.string(),
  after: z.string(),
});
export type RegistryChange = z.infer<typeof RegistryChange>;

/**
 * One entry of the 经营异常名录 (abnormal operations) or the 严重违法失信名单 (serious violations), as
 * the registry's tab shows it: when and why it was listed, by whom, and when it was removed (absent
 * while still listed). Dates as the page gives them (`YYYY-MM-DD`); the rules judge "current".
 */
export const RegistryListEntry = z.object({
  listedOn: z.string(),
  reason: z.string(),
  authority: z.string(),
  removedOn: z.string().optional(),
  removalReason: z.string().optional(),
});
export type RegistryListEntry = z.infer<typeof RegistryListEntry>;

/**
 * A company as the business registry's detail page shows it (基本信息 tab + 变更记录 tab, and the
 * two list tabs when read).
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
  /**
   * The 经营异常信息 and 严重违法失信信息 tabs, oldest listing first. Optional: absent when the
   * lookup did not read the tab (records written before issue #17 have neither), which the rules
   * treat as no entries; an empty array is a tab that said 0 entries.
   */
  abnormalOperations: z.array(RegistryListEntry).optional(),
  seriousViolations: z.array(RegistryListEntry).optional(),
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
