import type { ComplaintRecord } from '../../../bots/records';
import { datePart, secondsBetween } from '../local-time';
import { maskPhone } from '../masking';
import type { SlaComplaintRow } from '../exception-rows';
import type { FigureValues, Fold } from './fold';

// SLA: level 1 first contact within 30 min, level 2 supervisor within 2 h, level 3 closed on D.
const FIRST_CONTACT_SECONDS = 30 * 60;
const SUPERVISOR_SECONDS = 2 * 60 * 60;

/** The SLA row of a complaint received on `date` if it breached its SLA, else null. */
export function slaBreach(c: ComplaintRecord, date: string): SlaComplaintRow | null {
  const base = {
    complaintId: c.id,
    branchId: c.branchId,
    level: c.level,
    receivedAt: c.receivedAt,
    customerName: c.customerName,
    customerPhone: maskPhone(c.customerPhone),
    summary: c.summary,
  };
  const elapsed = (at: string | null): number | null => (at === null ? null : secondsBetween(c.receivedAt, at));
  if (c.level === 1) {
    const e = elapsed(c.firstContactAt);
    if (e !== null && e <= FIRST_CONTACT_SECONDS) return null;
    return { ...base, measuredAt: c.firstContactAt, elapsedSeconds: e, rule: 'firstContact30Min' };
  }
  if (c.level === 2) {
    const e = elapsed(c.supervisorAt);
    if (e !== null && e <= SUPERVISOR_SECONDS) return null;
    return { ...base, measuredAt: c.supervisorAt, elapsedSeconds: e, rule: 'supervisor2h' };
  }
  if (c.closedAt !== null && datePart(c.closedAt) <= date) return null;
  return { ...base, measuredAt: c.closedAt, elapsedSeconds: elapsed(c.closedAt), rule: 'notClosedOnD' };
}

export class ComplaintsFold implements Fold<ComplaintRecord> {
  outsideDate = 0;
  private total = 0;
  private readonly byLevel = { 1: 0, 2: 0, 3: 0 };
  private breaches = 0;
  readonly rows: SlaComplaintRow[] = [];

  constructor(
    private readonly date: string,
    private readonly keepRows: boolean,
  ) {}

  add(c: ComplaintRecord): void {
    if (datePart(c.receivedAt) !== this.date) {
      this.outsideDate++;
      return;
    }
    this.total++;
    this.byLevel[c.level]++;
    const breach = slaBreach(c, this.date);
    if (breach === null) return;
    this.breaches++;
    if (this.keepRows) this.rows.push(breach);
  }

  figures(): FigureValues {
    return {
      'complaints.total': this.total,
      'complaints.byLevel.1': this.byLevel[1],
      'complaints.byLevel.2': this.byLevel[2],
      'complaints.byLevel.3': this.byLevel[3],
      'complaints.slaBreaches': this.breaches,
    };
  }
}
