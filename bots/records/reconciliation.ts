import { z } from 'zod';

/**
 * Reconciliation (对账) statistics of one corporate account as of the data date:
 * confirmations in the last 30 days and the 30 days before, and its transactions in the last 30
 * days (excluding D), from which its daily average is txLast30 / 30.
 */
export const ReconciliationRecord = z.object({
  accountNo: z.string().min(1),
  accountName: z.string().min(1),
  branchId: z.string().min(1),
  confirmationsLast30: z.number().int().nonnegative(),
  confirmationsPrev30: z.number().int().nonnegative(),
  txLast30: z.number().int().nonnegative(),
});
export type ReconciliationRecord = z.infer<typeof ReconciliationRecord>;
