import { z } from 'zod';
import { CustomerChangeField } from '../../records';

/** A case or approval id as the ledger hands it over (a number in PostgreSQL, text elsewhere). */
const Id = z.union([z.number().int().positive(), z.string().regex(/^[A-Za-z0-9_-]{1,40}$/u)]).transform(String);

/**
 * What `core-banking.customer-change` is asked to do: write `newValue` (the registry's value) into
 * `field` of account `accountNo`, for case `caseId`. `dry-run` fills the form and stops; `submit`
 * files it and needs the checker's approval id.
 *
 * @example
 * { caseId: 41, accountNo: '0022000000000001', field: 'address', newValue: '福田区…', mode: 'dry-run' }
 * { caseId: 41, accountNo: '0022000000000001', field: 'address', newValue: '福田区…', mode: 'submit', approvalId: 7 }
 */
export const CustomerChangeInput = z.object({
  caseId: Id,
  accountNo: z.string().regex(/^\d{6,32}$/u, 'an account number is digits only'),
  field: CustomerChangeField,
  newValue: z.string(),
  mode: z.enum(['dry-run', 'submit']),
  approvalId: Id.optional(),
}).superRefine((input, issues) => {
  if (input.mode === 'submit' && input.approvalId === undefined) {
    issues.addIssue({ code: 'custom', path: ['approvalId'], message: 'submit mode needs the approval id of the checker who approved the change' });
  }
});
export type CustomerChangeInput = z.infer<typeof CustomerChangeInput>;

/**
 * What it did: the screenshot of the filled form (personal data masked except the changed field),
 * and in submit mode the 申请编号 — `existing` when a request for this case was already pending
 * and nothing new was filed.
 */
export const CustomerChangeResult = z.object({
  /** Relative to the run folder. */
  screenshot: z.string().min(1),
  requestNo: z.string().min(1).optional(),
  existing: z.boolean().optional(),
});
export type CustomerChangeResult = z.infer<typeof CustomerChangeResult>;
