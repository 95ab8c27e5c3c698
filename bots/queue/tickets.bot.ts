import type { Page } from 'playwright-core';
import { z } from 'zod';
import { IsoDate, QueueTicketRecord } from '../records';
import { defineBot, LayoutError } from '../sdk';
import { parseTicketPage, type TicketPage } from './parse';
import { TicketsPage } from './pages/tickets.page';
import { queuePortal } from './portal';

/**
 * 排队叫号明细: every ticket issued on the data date, read from the JSON the queue system's page
 * loads itself: the shell loads the first page, the next ones are fetched from inside the page
 * with the cursor each answer gives (`via: 'button'`: pressing "加载更多" instead, which renders
 * every row into the page), until the stated total is reached.
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
    const next = async (page: Page, cursor: string): Promise<TicketPage> =>
      via === 'button' ? read(page, (shell) => shell.loadMore()) : parse(page, await new TicketsPage(page).fetchPage(date, cursor));
    let batch = await ctx.step('first page', (page) => read(page, () => ctx.goto(page, TicketsPage.url(date))));
    ctx.expectTotal(batch.total);
    // Ids already yielded: a page the portal repeats (e.g. after a retried click) is not counted twice.
    const seen = new Set<string>();
    for (let n = 2; ; n++) {
      for (const t of batch.tickets) {
        if (seen.has(t.id)) continue;
        seen.add(t.id);
        yield t;
      }
      ctx.progress(seen.size, batch.total);
      if (!batch.nextCursor || seen.size >= batch.total) break;
      const cursor = batch.nextCursor;
      batch = await ctx.step(`load more ${n}`, (page) => next(page, cursor));
    }
  },
});
