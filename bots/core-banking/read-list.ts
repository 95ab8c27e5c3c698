import { z } from 'zod';
import type { BotContext, GridColumns } from '../sdk';
import { readGrid } from '../sdk';
import { fetchGridPages } from './fetch-grid';
import { FramesetPage } from './pages/frameset.page';
import { ListPage } from './pages/list.page';

/**
 * `navigate: true` reads every page of a grid by navigating to it (the fallback path alone), for a
 * portal whose pages cannot be fetched from inside the page; by default they are fetched.
 */
export const NavigateOnly = z.boolean().default(false);

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

export interface CoreList<R> {
  /** The menu item that leads to the list, e.g. 差错登记查询. */
  menu: string;
  columns: GridColumns<R>;
  tableId: string;
  /** The list's filters, e.g. { date } or { from, to }. */
  query: Record<string, string>;
  pageSize: number;
  /** Read every page by navigating to it (the fallback path on its own; tests compare the two). */
  navigate?: boolean;
}

/**
 * One of core banking's lists, found through the menu and read with the SDK's grid reader: pages
 * fetched over HTTP with the browser session, four at a time, and navigated to where that fails.
 *
 * @example
 * yield* readList(ctx, { menu: '差错登记查询', columns: CORRECTION_TABLE, tableId: 'corr-table', query: { from: date, to: date }, pageSize });
 */
export async function* readList<R>(ctx: BotContext, list: CoreList<R>): AsyncGenerator<R> {
  const path = await menuLink(ctx, list.menu);
  yield* readGrid(ctx, {
    columns: list.columns,
    pageSize: list.pageSize,
    open: (page) => new ListPage(page, list.tableId),
    url: (pageNo, size) => ListPage.url(path, { ...list.query, page: pageNo, size }),
    fetch: list.navigate ? undefined : fetchGridPages,
  });
}
