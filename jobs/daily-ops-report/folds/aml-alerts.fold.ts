import type { AmlAlertRecord } from '../../../bots/records';
import { datePart, endOfDay, secondsBetween } from '../local-time';
import type { OverdueAlertRow } from '../exception-rows';
import { ratio, type FigureValues, type Fold } from './fold';

const OVERDUE_AFTER_SECONDS = 24 * 60 * 60;

/**
 * Whether an alert was still 待处理 more than 24 h after creation when D ended (midnight after D).
 * The bot reads the next morning, so an alert handled after D's end shows 已处理 with a later
 * handledAt: at D's end it was still open, and counts.
 */
export function overdueAtEndOfD(a: AmlAlertRecord, date: string): boolean {
  const end = endOfDay(date);
  if (a.createdAt >= end) return false;
  const openAtEnd = a.state === '待处理' || (a.handledAt !== null && a.handledAt >= end);
  return openAtEnd && secondsBetween(a.createdAt, end) > OVERDUE_AFTER_SECONDS;
}

export class AmlAlertsFold implements Fold<AmlAlertRecord> {
  private alerts = 0;
  private handled = 0;
  private overdue = 0;
  readonly rows: OverdueAlertRow[] = [];

  constructor(
    private readonly date: string,
    private readonly keepRows: boolean,
  ) {}

  add(a: AmlAlertRecord): void {
    if (datePart(a.createdAt) === this.date) {
      this.alerts++;
      if (a.state === '已处理' || a.state === '已上报') this.handled++;
    }
    if (!overdueAtEndOfD(a, this.date)) return;
    this.overdue++;
    if (this.keepRows) {
      this.rows.push({
        alertId: a.id,
        createdAt: a.createdAt,
        rule: a.rule,
        accountNo: a.accountNo,
        branchId: a.branchId,
        state: a.state,
        handledAt: a.handledAt,
        hoursOpenAtEndOfD: secondsBetween(a.createdAt, endOfDay(this.date)) / 3600,
      });
    }
  }

  figures(): FigureValues {
    return {
      'aml.alerts': this.alerts,
      'aml.alertsHandledShare': ratio(this.handled, this.alerts),
      'aml.overdueAlerts': this.overdue,
    };
  }
}
