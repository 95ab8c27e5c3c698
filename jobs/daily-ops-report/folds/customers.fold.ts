import type { CustomerRecord } from '../../../bots/records';
import { isValidResidentId } from '../id-number';
import { maskIdNumber, maskPhone } from '../masking';
import type { CustomerIssue, CustomerIssueRow } from '../exception-rows';
import type { FigureValues, Fold } from './fold';

/** What is wrong with a customer's information on `date` (empty when nothing). */
export function customerIssues(c: CustomerRecord, date: string): CustomerIssue[] {
  const issues: CustomerIssue[] = [];
  if (!isValidResidentId(c.idNumber)) issues.push('invalidIdNumber');
  // An id is valid through its expiry date; '长期' never expires.
  if (c.idExpiry !== '长期' && c.idExpiry < date) issues.push('expiredId');
  if (c.phone === null || c.phone.trim() === '') issues.push('noPhone');
  return issues;
}

/** Customers touched on D; one customer counts once however many times the bot saw it. */
export class CustomersFold implements Fold<CustomerRecord> {
  private readonly seen = new Set<string>();
  private issues = 0;
  readonly rows: CustomerIssueRow[] = [];

  constructor(
    private readonly date: string,
    private readonly keepRows: boolean,
  ) {}

  add(c: CustomerRecord): void {
    if (this.seen.has(c.customerId)) return;
    this.seen.add(c.customerId);
    const issues = customerIssues(c, this.date);
    if (issues.length === 0) return;
    this.issues++;
    if (this.keepRows) {
      this.rows.push({
        customerId: c.customerId,
        name: c.name,
        branchId: c.branchId,
        idNumberMasked: maskIdNumber(c.idNumber),
        idExpiry: c.idExpiry,
        phoneMasked: maskPhone(c.phone),
        issues,
      });
    }
  }

  figures(): FigureValues {
    return { 'dayEndChecks.customerInfoIssues': this.issues };
  }
}
