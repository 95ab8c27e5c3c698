import type { Page } from 'playwright-core';
import { z } from 'zod';
import { ComplaintRecord, IsoDate } from '../records';
import { defineBot, IncompleteExtractionError, LayoutError, type BotContext } from '../sdk';
import { idColumn, parseComplaintDetail } from './parse';
import { onOrigin } from '../core-banking/fetch-grid';
import { fetchDetailRows } from './fetch-details';
import { ComplaintDetailPage, DETAIL_TABLE } from './pages/complaint-detail.page';
import { ComplaintListPage } from './pages/complaint-list.page';
import { complaintsPortal } from './portal';

const PageSize = z.union([z.literal(10), z.literal(20), z.literal(50), z.literal(100)]);

/** Detail pages per step: one round trip to the browser; a retried step reads them again. */
const DETAILS_PER_STEP = 12;

/**
 * 投诉工单: every complaint received on the data date. The list gives the ids and the total; the
 * times are only on the detail pages, fetched `parallel` at a time inside the logged-in page (a
 * page the fetch cannot read as a detail page is opened by navigating to it instead).
 */
export default defineBot({
  id: 'complaints.complaints',
  title: '投诉工单',
  version: '1.1.0',
  portal: complaintsPortal,
  input: z.object({ date: IsoDate, pageSize: PageSize.default(100), parallel: z.number().int().min(1).max(4).default(3) }),
  record: ComplaintRecord,
  async *run(ctx, { date, pageSize, parallel }) {
    const { ids, total } = await listIds(ctx, date, pageSize);
    // The runtime would notice a short list at the end; failing now spares the detail pages.
    if (ids.length !== total) throw new IncompleteExtractionError(ctx.botId, total, ids.length);
    for (let i = 0; i < ids.length; i += DETAILS_PER_STEP) {
      const batch = ids.slice(i, i + DETAILS_PER_STEP);
      yield* await ctx.step(`details ${i + 1}-${i + batch.length}`, (page) => readDetails(ctx, page, batch, parallel));
      ctx.progress(i + batch.length, ids.length);
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

/** The complaints `ids` in that order: fetched where that works, navigated to where it does not. */
async function readDetails(ctx: BotContext, page: Page, ids: string[], parallel: number): Promise<ComplaintRecord[]> {
  const fetched = onOrigin(page, ctx.baseUrl)
    ? await fetchDetailRows(page, ids.map((id) => ComplaintDetailPage.url(id)), DETAIL_TABLE, parallel)
    : ids.map(() => ({ ok: false as const, why: 'not on the portal yet' }));
  const out: ComplaintRecord[] = [];
  for (const [k, f] of fetched.entries()) {
    const id = ids[k]!;
    const record = f.ok ? parsedOrUndefined(f.value, id) : undefined;
    if (!record) ctx.log.debug({ id, why: f.ok ? 'detail rows not as expected' : f.why }, 'reading the detail page by navigation');
    out.push(record ?? (await readDetail(ctx, page, id)));
  }
  return out;
}

/** Fetched rows as the complaint `id`, or undefined (then the navigation says what is wrong, with evidence). */
function parsedOrUndefined(rows: [string, string][], id: string): ComplaintRecord | undefined {
  try {
    const record = parseComplaintDetail(rows);
    return record.id === id ? record : undefined;
  } catch {
    return undefined;
  }
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
