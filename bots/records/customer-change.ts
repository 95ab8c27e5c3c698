import { z } from 'zod';

/**
 * The fields a change request may write into core banking's 对公客户信息变更申请 form, under the
 * names the case ledger uses (jobs/runtime/db/tables.ts `WritableField`; a unit test keeps the two
 * lists equal, since bots/ may not import jobs/).
 */
export const CUSTOMER_CHANGE_FIELDS = ['name', 'legalRepresentative', 'address', 'registeredCapital', 'businessScope', 'licenseExpiry'] as const;
export const CustomerChangeField = z.enum(CUSTOMER_CHANGE_FIELDS);
export type CustomerChangeField = z.infer<typeof CustomerChangeField>;

/** The form's label of each field: what the portal shows, and what its messages name. */
export const CUSTOMER_CHANGE_LABELS: Record<CustomerChangeField, string> = {
  name: '存款人名称',
  legalRepresentative: '法定代表人',
  address: '注册地址',
  registeredCapital: '注册资本',
  businessScope: '经营范围',
  licenseExpiry: '营业执照有效期至',
};

/**
 * What core banking's change screen records for one submitted request, and what the fixture keeps
 * so tests can assert exactly what arrived.
 */
export const CustomerChangeRequest = z.object({
  /** 申请编号, e.g. `BG20261207000001`. */
  requestNo: z.string().min(1),
  accountNo: z.string().min(1),
  /** Only the fields whose value differs from the bank's record. */
  changes: z.partialRecord(CustomerChangeField, z.string()),
  remark: z.string(),
  submittedBy: z.string(),
  /** `YYYY-MM-DD HH:mm:ss`, local time. */
  submittedAt: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
});
export type CustomerChangeRequest = z.infer<typeof CustomerChangeRequest>;
