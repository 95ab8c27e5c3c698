import type { Page } from 'playwright-core';
import { z } from 'zod';
import { IsoDate, QueueTicketRecord } from '../records';
import { defineBot, LayoutError } from '../sdk';
import { parseTicketPage, type TicketPage } from './parse';
import { TicketsPage } from './pages/tickets.page';
import { queuePortal } from './portal';

/** API pages fetched in one step (50 tickets each): a large day's 333 pages in 34 steps. */
const PAGES_PER_STEP = 10;

/**
 * 排队叫号明细: every ticket issued on the data date, read from the JSON the queue system's page
 * loads itself: the shell loads the first page, the next ones are fetched over HTTP with the
 * page's session (from Node, ten to a step) with the cursor each answer gives (`via: 'button'`:
 * pressing "加载更多" instead, which renders every row into the page), until the stated total.
 */
export default defineBot({
  id: 'queue.tickets',
  title: '排队叫号明细',
  version: '1.1.0',
  portal: queuePortal,
  input: z.object({ date: IsoDate, via: z.enum(['fetch', 'button']).default('fetch') }),
  record: QueueTicketRecord,
  async *run(ctx, { date, via }) {
    const parse = (page: Page, body: unknown): TicketPage => {
      try {
        return parseTicketPage(body);
      } catch (err) {
        throw new LayoutError('/api/tickets', page.url(), (err as Error).message);
      }
    };
    const read = async (page: Page, trigger: (shell: TicketsPage) => Promise<unknown>): Promise<TicketPage> => {
      const shell = new TicketsPage(page);
      const answer = shell.nextApiResponse();
      await trigger(shell);
      return parse(page, await TicketsPage.json(await answer));
    };
    // Fetched pages are chained by their cursors, several to a step (a step's trace chunk costs
    // more than a page): a failed step starts again from its first cursor, and `seen` drops repeats.
    const next = async (page: Page, cursor: string, wanted: number): Promise<TicketPage[]> => {
      if (via === 'button') return [await read(page, (shell) => shell.loadMore())];
      const pages: TicketPage[] = [];
      let at: string | null = cursor;
      for (let got = 0; at && pages.length < PAGES_PER_STEP && got < wanted; at = pages.at(-1)!.nextCursor) {
        pages.push(parse(page, await new TicketsPage(page).fetchPage(date, at)));
        got += pages.at(-1)!.tickets.length;
      }
      return pages;
    };
    const first = await ctx.step('first page', (page) => read(page, () => ctx.goto(page, TicketsPage.url(date))));
    ctx.expectTotal(first.total);
    // Ids already yielded: a page the portal repeats (e.g. after a retried click) is not counted twice.
    const seen = new Set<string>();
    let batch = [first];
    for (let n = 2; ; ) {
      for (const t of batch.flatMap((p) => p.tickets)) {
        if (seen.has(t.id)) continue;
        seen.add(t.id);
        yield t;
      }
      const last = batch.at(-1)!;
      ctx.progress(seen.size, last.total);
      if (!last.nextCursor || seen.size >= last.total) break;
      const cursor = last.nextCursor;
      const label = via === 'button' ? `load more ${n}` : `pages ${n}+`;
      batch = await ctx.step(label, (page) => next(page, cursor, first.total - seen.size));
      n += batch.length;
    }
  },
});
