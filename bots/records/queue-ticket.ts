import { z } from 'zod';
import { LocalDateTime } from './common';

/** A queue ticket (排队叫号) issued on the data date. */
export const QueueTicketRecord = z.object({
  id: z.string().min(1),
  branchId: z.string().min(1),
  serviceType: z.string().min(1),
  issuedAt: LocalDateTime,
  calledAt: LocalDateTime.nullable(),
  finishedAt: LocalDateTime.nullable(),
  abandoned: z.boolean(),
});
export type QueueTicketRecord = z.infer<typeof QueueTicketRecord>;
