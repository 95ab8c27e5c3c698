import type { Page } from 'playwright-core';
import { z } from 'zod';
import { ComplaintRecord, IsoDate } from '../records';
import { defineBot, IncompleteExtractionError, LayoutError, type BotContext } from '../sdk';
import { idColumn, parseComplaintDetail } from './parse';
import { ComplaintDetailPage } from './pages/complaint-detail.page';
import { ComplaintListPage } from './pages/complaint-list.page';
import { complaintsPortal } from './portal';

const PageSize = z.union([z.literal(10), z.literal(20), z.literal(50), z.literal(100)]);

/**
 * 投诉工单: every complaint received on the data date. The list gives the ids and the total; the
 * times are only on the detail pages, read `parallel` at a time in pages of one logged-in context.
 */
export default defineBot({
  id: 'complaints.complaints',
  title: '投诉工单',
  version: '1.0.0',
  portal: complaintsPortal,
  input: z.object({ date: IsoDate, pageSize: PageSize.default(100), parallel: z.number().int().min(1).max(4).default(3) }),
  record: ComplaintRecord,
  async *run(ctx, { date, pageSize, parallel }) {
    const { ids, total } = await listIds(ctx, date, pageSize);
    // The runtime would notice a short list at the end; failing now spares the detail pages.
    if (ids.length !== total) throw new IncompleteExtractionError(ctx.botId, total, ids.length);
    const pages = [await ctx.page(), ...(await Promise.all(Array.from({ length: parallel - 1 }, () => ctx.newPage())))];
    for (let i = 0; i < ids.length; i += pages.length) {
      const batch = ids.slice(i, i + pages.length);
      // Yielded in list order, whichever page finished first.
      yield* await Promise.all(batch.map((id, k) => ctx.step(`detail ${id}`, (page) => readDetail(ctx, page, id), pages[k])));
      ctx.progress(Math.min(i + pages.length, ids.length), ids.length);
    }
  },
});

/** The ids of D's complaints from the paginated list; declares the stated total. */
async function listIds(ctx: BotContext, date: string, pageSize: number): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let stated = 0;
  let pages = 1;
  for (let pageNo = 1; pageNo <= pages; pageNo++) {
    const { total, pageIds } = await ctx.step(`list page ${pageNo}`, async (page) => {
      await ctx.goto(page, ComplaintListPage.url(date, pageNo, pageSize));
      const list = new ComplaintListPage(page);
      const total = await list.statedTotal();
      if (total === 0) return { total, pageIds: [] };
      const [headers, rows] = [await list.headers(), await list.rows()];
      try {
        const column = idColumn(headers);
        return { total, pageIds: rows.map((cells) => (cells[column] ?? '').trim()) };
      } catch (err) {
        throw new LayoutError('table#complaint-table', page.url(), (err as Error).message);
      }
    });
    if (pageNo === 1) {
      ctx.expectTotal(total);
      stated = total;
      pages = Math.ceil(total / pageSize);
    }
    ids.push(...pageIds);
  }
  return { ids, total: stated };
}

async function readDetail(ctx: BotContext, page: Page, id: string): Promise<ComplaintRecord> {
  const detail = new ComplaintDetailPage(page);
  await detail.open(ctx, id);
  const rows = await detail.rows();
  try {
    const record = parseComplaintDetail(rows);
    if (record.id !== id) throw new Error(`asked for ${id}, the page shows ${record.id}`);
    return record;
  } catch (err) {
    throw new LayoutError('table#complaint-detail', page.url(), (err as Error).message);
  }
}
