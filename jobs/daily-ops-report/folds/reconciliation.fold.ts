import type { ReconciliationRecord } from '../../../bots/records';
import type { AnomalyAccountRow } from '../exception-rows';
import type { Fold } from './fold';

/**
 * Keeps only accounts whose confirmations fell by ≥ 50 % (last 30 days against the 30 before);
 * the second half of the rule (a transaction spike on D) needs the transactions and is applied
 * in `anomalies`.
 */
export class ReconciliationFold implements Fold<ReconciliationRecord> {
  readonly candidates: ReconciliationRecord[] = [];
  private readonly seen = new Set<string>();

  add(r: ReconciliationRecord): void {
    if (this.seen.has(r.accountNo)) return;
    this.seen.add(r.accountNo);
    // Fell by ≥ 50 %: last ≤ prev / 2, in integers. No confirmations before means nothing fell.
    if (r.confirmationsPrev30 > 0 && 2 * r.confirmationsLast30 <= r.confirmationsPrev30) this.candidates.push(r);
  }

  /**
   * Candidates whose transactions on D are ≥ 3 × their daily average of the last 30 days
   * (txLast30 / 30, i.e. 10 · onD ≥ txLast30 in integers). An account with no transaction on D
   * has no spike, even when its average is 0.
   */
  anomalies(transactionsOnD: ReadonlyMap<string, number>): AnomalyAccountRow[] {
    const rows: AnomalyAccountRow[] = [];
    for (const r of this.candidates) {
      const onD = transactionsOnD.get(r.accountNo) ?? 0;
      if (onD === 0 || 10 * onD < r.txLast30) continue;
      rows.push({
        accountNo: r.accountNo,
        accountName: r.accountName,
        branchId: r.branchId,
        confirmationsLast30: r.confirmationsLast30,
        confirmationsPrev30: r.confirmationsPrev30,
        confirmationDrop: 1 - r.confirmationsLast30 / r.confirmationsPrev30,
        transactionsOnD: onD,
        dailyAverageLast30: r.txLast30 / 30,
      });
    }
    return rows.sort((a, b) => a.accountNo.localeCompare(b.accountNo));
  }
}
