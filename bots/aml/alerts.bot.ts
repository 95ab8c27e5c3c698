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
    const queries: AlertQuery[] = [{ asOf: date, from: date, to: date }, { asOf: date, to: previousDay(date), state: '待处理' }];
    // Page 1 of every query first: the total is their sum, and it must be known before the first
    // progress report (reported after the first query alone, progress said "74 / 74" and then
    // stored 105). The first pages are needed anyway, so this costs no request.
    const firsts: AlertPage[] = [];
    for (const query of queries) firsts.push(await readPage(ctx, query, 1, pageSize));
    const total = firsts.reduce((sum, p) => sum + p.total, 0);
    ctx.expectTotal(total);
    let done = 0;
    for (const [i, query] of queries.entries()) {
      const pages = Math.ceil(firsts[i]!.total / pageSize);
      for (let pageNo = 1; pageNo <= pages; pageNo++) {
        const { records } = pageNo === 1 ? firsts[i]! : await readPage(ctx, query, pageNo, pageSize);
        yield* records;
        done += records.length;
        ctx.progress(done, total);
      }
    }
  },
});

interface AlertPage {
  /** The query's stated "共 N 条". */
  total: number;
  records: AmlAlertRecord[];
}

/** One page of one query, as a retried step. */
function readPage(ctx: BotContext, query: AlertQuery, pageNo: number, pageSize: number): Promise<AlertPage> {
  const label = query.state ? 'backlog' : 'created';
  return ctx.step(`${label} page ${pageNo}`, async (page) => {
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
}
