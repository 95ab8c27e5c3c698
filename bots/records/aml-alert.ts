import { z } from 'zod';
import { LocalDateTime } from './common';

/**
 * An AML alert. The bot reads the alerts created on D and every alert of earlier days that is
 * still open, since overdue alerts of any day count.
 */
export const AmlAlertRecord = z.object({
  id: z.string().min(1),
  createdAt: LocalDateTime,
  rule: z.string().min(1),
  accountNo: z.string().min(1),
  branchId: z.string().min(1),
  state: z.enum(['待处理', '已处理', '已上报']),
  handledAt: LocalDateTime.nullable(),
});
export type AmlAlertRecord = z.infer<typeof AmlAlertRecord>;
