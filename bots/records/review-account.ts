import { z } from 'zod';

/**
 * A corporate account under annual review, bank side, as the annual-review system exports it or an
 * ops user's file gives it. Values are kept as typed (normalisation happens in the rules), optional
 * columns are null when absent.
 */
export const ReviewAccountRecord = z.object({
  accountNo: z.string().min(1),
  name: z.string(),
  uscc: z.string(),
  legalRepresentative: z.string(),
  branch: z.string().nullable(),
  accountType: z.string().nullable(),
  registeredCapital: z.string().nullable(),
  address: z.string().nullable(),
  businessScope: z.string().nullable(),
  /** Raw text ('2030-01-05', '2030年1月5日', '长期') or an ISO date from an Excel date cell. */
  licenseExpiry: z.string().nullable(),
  relationshipManager: z.string().nullable(),
});
export type ReviewAccountRecord = z.infer<typeof ReviewAccountRecord>;
