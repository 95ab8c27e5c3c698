import { z } from 'zod';
import { AmlAlertRecord, IsoDate } from '../records';
import { defineBot, LayoutError, type BotContext } from '../sdk';
import { alertFields, parseAlertRow, previousDay } from './parse';
import { AlertListPage, type AlertQuery } from './pages/alert-list.page';
import { amlPortal } from './portal';

const PageSize = z.union([z.literal(10), z.literal(20), z.literal(50), z.literal(100)]);

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
  /** pageSize: one of the portal's choices; the largest by default (fewest round trips). */
  input: z.object({ date: IsoDate, pageSize: PageSize.default(100) }),
  record: AmlAlertRecord,
  async *run(ctx, { date, pageSize }) {
    const counted = { total: 0, done: 0 };
    yield* readQuery(ctx, { asOf: date, from: date, to: date }, pageSize, counted);
    yield* readQuery(ctx, { asOf: date, to: previousDay(date), state: '待处理' }, pageSize, counted);
  },
});

/** Every row of one query, page by page; adds the query's stated total to the expected total. */
async function* readQuery(ctx: BotContext, query: AlertQuery, pageSize: number, counted: { total: number; done: number }): AsyncGenerator<AmlAlertRecord> {
  const label = query.state ? 'backlog' : 'created';
  let pages = 1;
  for (let pageNo = 1; pageNo <= pages; pageNo++) {
    const { records, total } = await ctx.step(`${label} page ${pageNo}`, async (page) => {
      await ctx.goto(page, AlertListPage.url(query, pageNo, pageSize));
      const list = new AlertListPage(page);
      const total = await list.statedTotal();
      if (total === 0) return { total, records: [] };
      const [headers, rows] = [await list.headers(), await list.rows()];
      try {
        const fields = alertFields(headers);
        return { total, records: rows.map((cells, i) => parseAlertRow(cells, fields, (pageNo - 1) * pageSize + i + 1)) };
      } catch (err) {
        throw new LayoutError('table#alert-table', page.url(), (err as Error).message);
      }
    });
    if (pageNo === 1) {
      counted.total += total;
      ctx.expectTotal(counted.total);
      pages = Math.ceil(total / pageSize);
    }
    yield* records;
    counted.done += records.length;
    ctx.progress(counted.done, counted.total);
  }
}
