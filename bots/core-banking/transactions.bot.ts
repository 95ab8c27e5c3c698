import { z } from 'zod';
import { IsoDate, TransactionRecord } from '../records';
import { defineBot, LayoutError } from '../sdk';
import { headerMap, parseTransactionRow } from './parse';
import { TransactionsPage } from './pages/transactions.page';
import { coreBankingPortal } from './portal';

const PAGE_SIZE = 100;

/** 核心交易流水: every transaction of the data date, page by page, checked against "共 N 条". */
export default defineBot({
  id: 'core-banking.transactions',
  title: '核心交易流水',
  version: '1.0.0',
  portal: coreBankingPortal,
  input: z.object({ date: IsoDate }),
  record: TransactionRecord,
  async *run(ctx, { date }) {
    let pageNo = 1;
    let pages = 1;
    let done = 0;
    do {
      const { rows, total, fields } = await ctx.step(`page ${pageNo}`, async (page) => {
        await ctx.goto(page, TransactionsPage.url(date, pageNo, PAGE_SIZE));
        const list = new TransactionsPage(page);
        const { fields, unknown } = headerMap(await list.headers());
        if (unknown.length) throw new LayoutError(`th:${unknown[0]}`, page.url(), `unknown column ${unknown[0]}`);
        return { rows: await list.rows(), total: await list.statedTotal(), fields };
      });
      if (pageNo === 1) {
        ctx.expectTotal(total);
        pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      }
      for (const cells of rows) yield parseTransactionRow(cells, fields) as TransactionRecord;
      done += rows.length;
      ctx.progress(done, total);
      pageNo += 1;
    } while (pageNo <= pages);
  },
});
