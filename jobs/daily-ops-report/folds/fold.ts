import type { FigureKey, Figure } from '../figures';

/** Figures one fold produced, by dotted key. */
export type FigureValues = Partial<Record<FigureKey, Figure>>;

/**
 * A fold consumes one source's records one at a time and keeps only running totals (plus the
 * exception rows when asked), so 200,000 transactions never sit in memory as a whole.
 */
export interface Fold<R> {
  add(record: R): void;
}

/** n / d, or null when d is 0 (a share of nothing is undefined, not 0). */
export function ratio(n: number, d: number): Figure {
  return d === 0 ? null : n / d;
}

/**
 * One fold for the whole network plus one per branch, fed together. Only the network-wide fold
 * keeps exception rows: branch figures need counts, not a second copy of the rows.
 */
export class BranchedFold<R extends { branchId: string }, F extends Fold<R>> implements Fold<R> {
  readonly network: F;
  readonly branches = new Map<string, F>();

  constructor(private readonly make: (keepRows: boolean) => F) {
    this.network = make(true);
  }

  add(record: R): void {
    this.network.add(record);
    let fold = this.branches.get(record.branchId);
    if (fold === undefined) {
      fold = this.make(false);
      this.branches.set(record.branchId, fold);
    }
    fold.add(record);
  }
}
