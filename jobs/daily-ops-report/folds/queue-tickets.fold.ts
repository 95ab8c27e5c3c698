import type { QueueTicketRecord } from '../../../bots/records';
import { datePart, hourOf, secondsBetween } from '../local-time';
import { nearestRank } from '../nearest-rank';
import { ratio, type FigureValues, type Fold } from './fold';

// A customer who waited longer than this (seconds) waited too long.
const LONG_WAIT_SECONDS = 900;

export class QueueTicketsFold implements Fold<QueueTicketRecord> {
  outsideDate = 0;
  private tickets = 0;
  private over15 = 0;
  private waitSum = 0;
  // Waits are kept (numbers only) because a nearest-rank percentile needs them all.
  private readonly waits: number[] = [];
  /** Tickets issued per hour of D. */
  readonly issuedByHour = new Array<number>(24).fill(0);
  /** Sum and count of waits by the hour the ticket was issued, for the chart. */
  readonly waitSumByHour = new Array<number>(24).fill(0);
  readonly calledByHour = new Array<number>(24).fill(0);

  constructor(private readonly date: string) {}

  add(t: QueueTicketRecord): void {
    if (datePart(t.issuedAt) !== this.date) {
      this.outsideDate++;
      return;
    }
    this.tickets++;
    const hour = hourOf(t.issuedAt);
    this.issuedByHour[hour] = (this.issuedByHour[hour] ?? 0) + 1;
    if (t.calledAt === null) return;
    const wait = secondsBetween(t.issuedAt, t.calledAt);
    this.waits.push(wait);
    this.waitSum += wait;
    if (wait > LONG_WAIT_SECONDS) this.over15++;
    this.waitSumByHour[hour] = (this.waitSumByHour[hour] ?? 0) + wait;
    this.calledByHour[hour] = (this.calledByHour[hour] ?? 0) + 1;
  }

  /** The hour with most tickets issued; the earliest wins a tie; null without tickets. */
  peakHour(): number | null {
    let best: number | null = null;
    this.issuedByHour.forEach((count, hour) => {
      if (count > 0 && (best === null || count > (this.issuedByHour[best] ?? 0))) best = hour;
    });
    return best;
  }

  figures(): FigureValues {
    const called = this.waits.length;
    return {
      'queue.tickets': this.tickets,
      'queue.avgWaitSeconds': ratio(this.waitSum, called),
      'queue.p90WaitSeconds': nearestRank(this.waits, 90),
      'queue.waitOver15MinShare': ratio(this.over15, called),
      'queue.peakHour': this.peakHour(),
    };
  }
}
