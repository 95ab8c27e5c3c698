import { AmlAlertRecord } from '../records';
import { DatedGridInput, defineBot, gridFetchOverHttp, readGrids, type Grid } from '../sdk';
import { ALERT_GRID, previousDay } from './parse';
import { AlertListPage, type AlertQuery } from './pages/alert-list.page';
import { amlPortal } from './portal';

/**
 * 反洗钱预警: the alerts created on the data date, then every older alert still 待处理 at its end
 * (overdue alerts of any day count), both as of D's day-end batch. Each query is checked
 * against its "共 N 条"; the expected total is their sum.
 */
export default defineBot({
  id: 'aml.alerts',
  title: '反洗钱预警',
  version: '1.0.0',
  portal: amlPortal,
  input: DatedGridInput,
  record: AmlAlertRecord,
  async *run(ctx, { date, pageSize }) {
    const alerts = (label: string, query: AlertQuery): Grid<AmlAlertRecord> => ({
      label, columns: ALERT_GRID, pageSize, open: (page) => new AlertListPage(page), url: (pageNo, size) => AlertListPage.url(query, pageNo, size),
      // Pages after a list's first are read over HTTP with the session (navigated where that fails).
      fetch: gridFetchOverHttp(amlPortal),
    });
    yield* readGrids(ctx, [alerts('created', { asOf: date, from: date, to: date }), alerts('backlog', { asOf: date, to: previousDay(date), state: '待处理' })]);
  },
});
