import { z } from 'zod';
import { openAccountsFile } from '../../jobs/annual-review-check/input';
import { IsoDate, ReviewAccountRecord } from '../records';
import { defineBot, LayoutError } from '../sdk';
import { downloadExport } from './download-export';
import { ReviewListPage } from './pages/review-list.page';
import { annualReviewPortal } from './portal';

/**
 * 年检账户清单: the accounts due for review, from the system's .xlsx export (the engine's own
 * accounts-file reader parses it, so portal exports and ops users' files are read the same way),
 * checked against the list's "共 N 条".
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
      const sheet = await openAccountsFile(file);
      let done = 0;
      for await (const entry of sheet.entries()) {
        // The system's own export should have no unusable row: one would be a changed export format.
        if (entry.kind === 'error') throw new LayoutError('export.xlsx', ctx.baseUrl, `row ${entry.error.row}: ${entry.error.error}`);
        yield entry.account;
        ctx.progress(++done, total);
      }
    } finally {
      await cleanup();
    }
  },
});
