import { z } from 'zod';
import { LocalDateTime } from './common';

export const Channel = z.enum(['柜面', '自助', '网银', '手机银行']);
export type Channel = z.infer<typeof Channel>;

/** One core-banking transaction of the data date (any state). */
export const TransactionRecord = z.object({
  id: z.string().min(1),
  time: LocalDateTime,
  branchId: z.string().min(1),
  /** Teller who keyed it; null outside the counter channel. */
  tellerId: z.string().nullable(),
  channel: Channel,
  type: z.string().min(1),
  /** Amount in the transaction currency, to the cent. */
  amount: z.number().nonnegative(),
  currency: z.string().length(3),
  customerKind: z.enum(['个人', '对公']),
  accountNo: z.string().min(1),
  customerId: z.string().min(1),
  crossBorder: z.boolean(),
  cash: z.boolean(),
  state: z.enum(['正常', '冲正', '撤销']),
  authorization: z.enum(['none', 'onsite', 'remote']),
  overLimit: z.boolean(),
  voucherScanned: z.boolean(),
  doubleChecked: z.boolean(),
  /** Seconds the teller spent; counter transactions only, else null. */
  handleSeconds: z.number().int().nonnegative().nullable(),
});
export type TransactionRecord = z.infer<typeof TransactionRecord>;
