import { z } from 'zod';
import { IsoDate, TransactionRecord } from '../records';
import { defineBot, GridPageSize, headerProblem, LayoutError, mapHeaders, parseRow } from '../sdk';
import { gbkCsvHeader, gbkCsvRows } from './export-csv';
import { TRANSACTION_TABLE } from './parse';
import { ListPage } from './pages/list.page';
import { TransactionsPage } from './pages/transactions.page';
import { coreBankingPortal } from './portal';
import { menuLink, readList } from './read-list';

const MENU = '交易流水查询';

/**
 * 核心交易流水: every transaction of the data date.
 *
 * By default from the GBK CSV export: one download of fully typed rows instead of 2,000 page
 * loads on a 200,000-row day, parsed as a stream. The list page's "共 N 条" is still read first
 * and declared, so a cut-short download is an IncompleteExtractionError, never a silent partial
 * day. `via: 'pages'` reads the paginated table instead (when an export is switched off).
 */
export default defineBot({
  id: 'core-banking.transactions',
  title: '核心交易流水',
  version: '1.2.0',
  portal: coreBankingPortal,
  input: z.object({ date: IsoDate, via: z.enum(['export', 'pages']).default('export'), pageSize: GridPageSize }),
  record: TransactionRecord,
  async *run(ctx, { date, via, pageSize }) {
    if (via === 'pages') {
      yield* readList(ctx, { menu: MENU, columns: TRANSACTION_TABLE, tableId: 'txn-table', query: { date }, pageSize });
      return;
    }
    const path = await menuLink(ctx, MENU);
    const { total, file, fields } = await ctx.step('export csv', async (page) => {
      await ctx.goto(page, ListPage.url(path, { date, page: 1, size: 10 }));
      const stated = await new ListPage(page, 'txn-table').statedTotal();
      const download = await new TransactionsPage(page).exportCsv();
      const saved = await download.path();
      const mapping = mapHeaders(TRANSACTION_TABLE, await gbkCsvHeader(saved));
      const problem = headerProblem(TRANSACTION_TABLE, mapping);
      if (problem) throw new LayoutError(`${download.suggestedFilename()} header`, download.url(), problem);
      return { total: stated, file: saved, fields: mapping.fields };
    });
    ctx.expectTotal(total);
    let done = 0;
    let header = true;
    for await (const cells of gbkCsvRows(file)) {
      if (header) {
        header = false;
        continue;
      }
      yield parseRow(TRANSACTION_TABLE, cells, fields, ++done);
      if (done % 5_000 === 0) ctx.progress(done, total);
    }
    ctx.progress(done, total);
  },
});
