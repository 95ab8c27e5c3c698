import { z } from 'zod';
import { IsoDate, ReviewAccountRecord } from '../records';
import { defineBot, LayoutError } from '../sdk';
import { downloadExport } from './download-export';
import { xlsxExportRows } from './export-rows';
import { parseReviewExport } from './parse';
import { ReviewListPage } from './pages/review-list.page';
import { annualReviewPortal } from './portal';

/**
 * 年检账户清单: the accounts due for review, from the system's .xlsx export (read as a stream,
 * columns by header text), checked against the list's "共 N 条".
 */
export default defineBot({
  id: 'annual-review.accounts',
  title: '对公账户年检清单',
  version: '1.0.0',
  portal: annualReviewPortal,
  input: z.object({ reviewDate: IsoDate }),
  record: ReviewAccountRecord,
  async *run(ctx, { reviewDate }) {
    const { total, file, cleanup } = await ctx.step('export', async (page) => {
      await ctx.goto(page, ReviewListPage.url(reviewDate));
      const list = new ReviewListPage(page);
      const stated = await list.statedTotal();
      return { total: stated, ...(await downloadExport(page, await list.exportUrl())) };
    });
    ctx.expectTotal(total);
    try {
      let done = 0;
      for await (const account of readExport(file, ctx.baseUrl)) {
        yield account;
        ctx.progress(++done, total);
      }
    } finally {
      await cleanup();
    }
  },
});

/** The downloaded export's accounts; the system's own export has one format, so anything unreadable is a changed export. */
async function* readExport(file: string, portalUrl: string): AsyncGenerator<ReviewAccountRecord> {
  const accounts = parseReviewExport(xlsxExportRows(file));
  for (;;) {
    let next: IteratorResult<ReviewAccountRecord>;
    try {
      next = await accounts.next();
    } catch (err) {
      throw new LayoutError('export.xlsx', portalUrl, (err as Error).message);
    }
    if (next.done) return;
    yield next.value;
  }
}
