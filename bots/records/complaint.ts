import { z } from 'zod';
import { LocalDateTime } from './common';

/** A complaint (投诉) received on the data date. */
export const ComplaintRecord = z.object({
  id: z.string().min(1),
  branchId: z.string().min(1),
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  customerName: z.string(),
  customerPhone: z.string().nullable(),
  summary: z.string(),
  receivedAt: LocalDateTime,
  firstContactAt: LocalDateTime.nullable(),
  supervisorAt: LocalDateTime.nullable(),
  closedAt: LocalDateTime.nullable(),
});
export type ComplaintRecord = z.infer<typeof ComplaintRecord>;
