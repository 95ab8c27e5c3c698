import { z } from 'zod';
import { IsoDate } from './common';

/** A customer touched on the data date, from core banking's customer information screen. */
export const CustomerRecord = z.object({
  customerId: z.string().min(1),
  name: z.string().min(1),
  branchId: z.string().min(1),
  /** As recorded: may be invalid (wrong length, wrong GB 11643 check digit). */
  idNumber: z.string(),
  /** Id document expiry, or '长期' for ids that never expire. */
  idExpiry: z.union([IsoDate, z.literal('长期')]),
  phone: z.string().nullable(),
});
export type CustomerRecord = z.infer<typeof CustomerRecord>;
