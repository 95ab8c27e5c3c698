import type { Page } from 'playwright-core';
import type { BotContext } from '../sdk';
import { LayoutError, parseStatedTotal } from '../sdk';
import { fetchGridPages, onOrigin, type GridContent } from './fetch-grid';
import { headerProblem, mapHeaders, parseRow, type HeaderMapping, type TableSchema } from './parse';
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
  /** Pages read per round trip to the browser after the first (fetched, not rendered). Default 4. */
  pagesPerStep?: number;
  /** Read every page by navigating to it (the fallback path on its own; tests compare the two). */
  navigateOnly?: boolean;
}

interface ReadPage<R> {
  rows: string[][];
  total: number;
  fields: HeaderMapping<R>['fields'];
}

/**
 * Reads a paginated grid: headers mapped by text on every page (a layout change mid-run is
 * caught), the first page's "共 N 条" declared with `ctx.expectTotal` and every later page's checked
 * against it, every batch of pages a retried step (a dropped session logs in again and re-reads it).
 *
 * Pages are fetched inside the logged-in page (`fetchGridPages`), several per round trip; a page
 * the fetch cannot read as a normal grid page is read by navigating to it, so errors, re-logins
 * and LayoutError evidence are exactly those of the navigating path.
 */
export async function* readPagedTable<R>(ctx: BotContext, t: PagedTable<R>): AsyncGenerator<R> {
  const first = await ctx.step(`${t.schema.name} page 1`, async (page) => (await readPages(ctx, page, t, [1]))[0]!);
  const statedTotal = first.total;
  ctx.expectTotal(statedTotal);
  const pages = Math.max(1, Math.ceil(statedTotal / t.pageSize));
  let done = 0;
  const emit = function* (p: ReadPage<R>): Generator<R> {
    for (const cells of p.rows) yield parseRow(t.schema, cells, p.fields);
  };
  yield* emit(first);
  done += first.rows.length;
  ctx.progress(done, statedTotal);
  const perStep = Math.max(1, t.pagesPerStep ?? 4);
  for (let from = 2; from <= pages; from += perStep) {
    const numbers = Array.from({ length: Math.min(perStep, pages - from + 1) }, (_, i) => from + i);
    const label = numbers.length > 1 ? `pages ${numbers[0]}-${numbers.at(-1)}` : `page ${from}`;
    const read = await ctx.step(`${t.schema.name} ${label}`, (page) => readPages(ctx, page, t, numbers));
    for (const [i, p] of read.entries()) {
      if (p.total !== statedTotal) {
        throw new Error(`${t.schema.name}: the portal's total changed from ${statedTotal} to ${p.total} while paging (page ${numbers[i]})`);
      }
      yield* emit(p);
      done += p.rows.length;
    }
    ctx.progress(done, statedTotal);
  }
}

/** Pages `numbers` of the grid: fetched where that works, navigated to where it does not. */
async function readPages<R>(ctx: BotContext, page: Page, t: PagedTable<R>, numbers: number[]): Promise<ReadPage<R>[]> {
  const urls = numbers.map((n) => t.url(n, t.pageSize));
  const fetched = t.navigateOnly || !onOrigin(page, ctx.baseUrl)
    ? urls.map(() => ({ ok: false as const, why: 'navigating' }))
    : await fetchGridPages(page, urls, { table: `table#${t.tableId}`, pager: '.pager' });
  const out: ReadPage<R>[] = [];
  for (const [i, f] of fetched.entries()) {
    const quick = f.ok ? fromContent(t, f.value) : undefined;
    if (quick) {
      out.push(quick);
      continue;
    }
    if (!t.navigateOnly) ctx.log.debug({ url: urls[i], why: f.ok ? 'headers or total not as expected' : f.why }, 'reading the page by navigation');
    out.push(await navigateAndRead(ctx, page, t, urls[i]!));
  }
  return out;
}

/** A fetched page as rows, or undefined when its headers or total are not what the schema expects. */
function fromContent<R>(t: PagedTable<R>, c: GridContent): ReadPage<R> | undefined {
  const mapping = mapHeaders(t.schema, c.headers);
  const total = parseStatedTotal(c.pagerText);
  if (headerProblem(t.schema, mapping) || total === undefined) return undefined;
  return { rows: c.rows, total, fields: mapping.fields };
}

/** The rendered page: `ctx.goto` classifies the answer; a changed layout is a LayoutError with evidence. */
async function navigateAndRead<R>(ctx: BotContext, page: Page, t: PagedTable<R>, url: string): Promise<ReadPage<R>> {
  await ctx.goto(page, url);
  const list = new ListPage(page, t.tableId);
  const mapping = mapHeaders(t.schema, await list.headers());
  const problem = headerProblem(t.schema, mapping);
  if (problem) throw new LayoutError(`table#${t.tableId} thead th`, page.url(), problem);
  return { rows: await list.rows(), total: await list.statedTotal(), fields: mapping.fields };
}
