import type { BotContext } from '../sdk';
import { LayoutError } from '../sdk';
import { headerProblem, mapHeaders, parseRow, type TableSchema } from './parse';
import { FramesetPage } from './pages/frameset.page';
import { ListPage } from './pages/list.page';

/**
 * Finds a function's URL through the frameset menu, as a user would. Content pages are then opened
 * at the top level rather than inside the `main` frame: the same document, but a 5xx, a 429 or the
 * login page of a top-level navigation is seen (and classified) by `ctx.goto`, while inside a
 * frame it would hide behind the frameset's 200.
 */
export async function menuLink(ctx: BotContext, label: string): Promise<string> {
  return ctx.step(`menu ${label}`, async (page) => {
    await ctx.goto(page, '/');
    return new FramesetPage(page).menuLink(label);
  });
}

export interface PagedTable<R> {
  schema: TableSchema<R>;
  tableId: string;
  /** The URL of page n at `pageSize` rows. */
  url(pageNo: number, pageSize: number): string;
  pageSize: number;
}

/**
 * Reads a paginated grid page by page: headers mapped by text on every page (a layout change
 * mid-run is caught), the first page's "共 N 条" declared with `ctx.expectTotal`, every page a
 * retried step (a dropped session logs in again and re-reads that page).
 */
export async function* readPagedTable<R>(ctx: BotContext, t: PagedTable<R>): AsyncGenerator<R> {
  let pageNo = 1;
  let pages = 1;
  let statedTotal: number | undefined;
  let done = 0;
  do {
    const { rows, total, fields } = await ctx.step(`${t.schema.name} page ${pageNo}`, async (page) => {
      await ctx.goto(page, t.url(pageNo, t.pageSize));
      const list = new ListPage(page, t.tableId);
      const mapping = mapHeaders(t.schema, await list.headers());
      const problem = headerProblem(t.schema, mapping);
      if (problem) throw new LayoutError(`table#${t.tableId} thead th`, page.url(), problem);
      return { rows: await list.rows(), total: await list.statedTotal(), fields: mapping.fields };
    });
    if (statedTotal === undefined) {
      statedTotal = total;
      ctx.expectTotal(total);
      pages = Math.max(1, Math.ceil(total / t.pageSize));
    } else if (total !== statedTotal) {
      throw new Error(`${t.schema.name}: the portal's total changed from ${statedTotal} to ${total} while paging (page ${pageNo})`);
    }
    for (const cells of rows) yield parseRow(t.schema, cells, fields);
    done += rows.length;
    ctx.progress(done, total);
    pageNo += 1;
  } while (pageNo <= pages);
}
