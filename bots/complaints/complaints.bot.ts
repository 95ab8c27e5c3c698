import type { Page } from 'playwright-core';
import { z } from 'zod';
import { ComplaintRecord } from '../records';
import { DatedGridInput, defineBot, LayoutError, onOrigin, readGrid, type BotContext } from '../sdk';
import { COMPLAINT_LIST_GRID, parseComplaintDetail } from './parse';
import { fetchDetailRows } from './fetch-details';
import { ComplaintDetailPage, DETAIL_TABLE } from './pages/complaint-detail.page';
import { ComplaintListPage } from './pages/complaint-list.page';
import { complaintsPortal } from './portal';

/** Detail pages per step (read over HTTP, `parallel` at a time); a retried step reads them again. */
const DETAILS_PER_STEP = 12;

/**
 * 投诉工单: every complaint received on the data date. The list gives the ids and the total; the
 * times are only on the detail pages, fetched `parallel` at a time over HTTP with the logged-in
 * page's session (a page the fetch cannot read as a detail page is opened by navigating to it instead).
 */
export default defineBot({
  id: 'complaints.complaints',
  title: '投诉工单',
  version: '1.1.0',
  portal: complaintsPortal,
  input: DatedGridInput.extend({ parallel: z.number().int().min(1).max(4).default(3) }),
  record: ComplaintRecord,
  async *run(ctx, { date, pageSize, parallel }) {
    // The ids first, checked against the list's "共 N 条" (a short list fails before any detail page).
    const ids: string[] = [];
    const list = { columns: COMPLAINT_LIST_GRID, pageSize, open: (page: Page) => new ComplaintListPage(page), url: (pageNo: number, size: number) => ComplaintListPage.url(date, pageNo, size) };
    for await (const { id } of readGrid(ctx, list, { progress: false })) ids.push(id);
    for (let i = 0; i < ids.length; i += DETAILS_PER_STEP) {
      const batch = ids.slice(i, i + DETAILS_PER_STEP);
      yield* await ctx.step(`details ${i + 1}-${i + batch.length}`, (page) => readDetails(ctx, page, batch, parallel));
      ctx.progress(i + batch.length, ids.length);
    }
  },
});

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
