import { z } from 'zod';
import { LocalDateTime } from './common';

/** An error correction (差错) booked on the data date. */
export const CorrectionRecord = z.object({
  id: z.string().min(1),
  time: LocalDateTime,
  branchId: z.string().min(1),
  tellerId: z.string().nullable(),
  transactionId: z.string().min(1),
  reason: z.string().min(1),
});
export type CorrectionRecord = z.infer<typeof CorrectionRecord>;
